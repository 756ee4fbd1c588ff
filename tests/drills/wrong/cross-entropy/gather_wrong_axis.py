# torch gather along dim 0 instead of dim 1: takes logp[targets[j], j] rather than logp[j, targets[j]].
import torch


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100):
    logits, targets = torch.as_tensor(logits), torch.as_tensor(targets)
    keep = targets != ignore_index
    m = logits.max(dim=1, keepdim=True).values
    logp = logits - m - torch.log(torch.exp(logits - m).sum(dim=1, keepdim=True))
    safe = torch.where(keep, targets, 0).clamp(max=logits.shape[0] - 1)  # keep the wrong gather in range
    n = min(logits.shape[0], logits.shape[1])
    picked = torch.zeros(logits.shape[0], dtype=logits.dtype)
    picked[:n] = logp.gather(0, safe.unsqueeze(0))[0, :n]
    losses = torch.where(keep, -picked, torch.zeros_like(picked))
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    return losses.sum() / keep.sum()
