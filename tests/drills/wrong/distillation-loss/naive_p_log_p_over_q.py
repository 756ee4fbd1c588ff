# KL as sum(p * log(p / q)) from softmax probabilities: a teacher probability that underflows to 0 gives 0 * log 0 = nan.
import torch


def distillation_loss(student_logits, teacher_logits, labels, temperature=2.0, alpha=0.5, ignore_index=-100):
    s, t, y = torch.as_tensor(student_logits), torch.as_tensor(teacher_logits), torch.as_tensor(labels)
    keep = y != ignore_index
    s, t, y = s[keep], t[keep], y[keep]
    p = torch.softmax(t / temperature, dim=-1)
    q = torch.softmax(s / temperature, dim=-1)
    soft = (p * torch.log(p / q)).sum(dim=-1).mean() * temperature ** 2
    hard = -torch.log_softmax(s, dim=-1)[torch.arange(len(y)), y].mean()
    return alpha * soft + (1 - alpha) * hard
