# torch: the right vectors, but the factorised count leaves out the V×E table (only the projection's E·H + H).
import torch


def albert_embedding(token_ids, word_embeddings, projection, bias=None):
    table, proj = torch.as_tensor(word_embeddings), torch.as_tensor(projection)
    hidden = table[torch.as_tensor(token_ids).long()] @ proj
    if bias is not None:
        hidden = hidden + torch.as_tensor(bias)
    vocab, e = table.shape
    h = proj.shape[1]
    return hidden, e * h + (h if bias is not None else 0), vocab * h
