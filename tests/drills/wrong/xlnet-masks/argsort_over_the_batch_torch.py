# torch: inverts the order with argsort along dim 0, which for a batch of orders sorts across examples.
import torch


def permutation_masks(order):
    order = torch.as_tensor(order)
    rank = torch.argsort(order, dim=0)
    content = rank.unsqueeze(-2) <= rank.unsqueeze(-1)
    query = rank.unsqueeze(-2) < rank.unsqueeze(-1)
    return content, query
