"""Known mistakes in distillation-loss: wrong solutions people really write, one function each.

Each takes the arguments of `distillation_loss` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def no_t_squared(student_logits, teacher_logits, labels, temperature=2.0, alpha=0.5, ignore_index=-100):
    """You left out the T² factor: the soft term's gradients shrink as 1/T², and the two terms no longer balance."""
    import numpy as np


    def _log_softmax(x: np.ndarray) -> np.ndarray:
        m = x.max(axis=1, keepdims=True)  # each row by its own max: no overflow, no log(0)
        return x - m - np.log(np.exp(x - m).sum(axis=1, keepdims=True))


    def distillation_loss(student_logits, teacher_logits, labels, temperature=2.0, alpha=0.5, ignore_index=-100):
        """alpha · T² · KL(softmax(t/T) ‖ softmax(s/T)) + (1 - alpha) · CE(s, labels), both averaged over kept rows."""
        student = np.asarray(student_logits)
        teacher = np.asarray(teacher_logits)
        labels = np.asarray(labels)
        keep = labels != ignore_index
        s, t, y = student[keep], teacher[keep], labels[keep]
        rows = s.shape[0]
        log_q = _log_softmax(s / temperature)  # the student, softened
        log_p = _log_softmax(t / temperature)  # the teacher, softened: the target distribution
        # KL(p ‖ q) = Σ p (log p - log q); p = 0 gives 0 since log p stays finite here
        kl = (np.exp(log_p) * (log_p - log_q)).sum(axis=1).sum() / rows  # 'batchmean': over rows, not rows × classes
        soft = kl  # keeps the soft gradients on the scale of the hard ones
        hard = -_log_softmax(s)[np.arange(rows), y].sum() / rows  # ordinary cross-entropy, at T = 1
        return alpha * soft + (1 - alpha) * hard

    return distillation_loss(student_logits, teacher_logits, labels, temperature, alpha, ignore_index)


def kl_reversed(student_logits, teacher_logits, labels, temperature=2.0, alpha=0.5, ignore_index=-100):
    """You computed KL(student ‖ teacher) instead of KL(teacher ‖ student): the student became the target
    distribution."""
    import numpy as np


    def _log_softmax(x: np.ndarray) -> np.ndarray:
        m = x.max(axis=1, keepdims=True)  # each row by its own max: no overflow, no log(0)
        return x - m - np.log(np.exp(x - m).sum(axis=1, keepdims=True))


    def distillation_loss(student_logits, teacher_logits, labels, temperature=2.0, alpha=0.5, ignore_index=-100):
        """alpha · T² · KL(softmax(t/T) ‖ softmax(s/T)) + (1 - alpha) · CE(s, labels), both averaged over kept rows."""
        student = np.asarray(student_logits)
        teacher = np.asarray(teacher_logits)
        labels = np.asarray(labels)
        keep = labels != ignore_index
        s, t, y = student[keep], teacher[keep], labels[keep]
        rows = s.shape[0]
        log_q = _log_softmax(s / temperature)  # the student, softened
        log_p = _log_softmax(t / temperature)  # the teacher, softened: the target distribution
        # KL(p ‖ q) = Σ p (log p - log q); p = 0 gives 0 since log p stays finite here
        kl = (np.exp(log_q) * (log_q - log_p)).sum(axis=1).sum() / rows  # 'batchmean': over rows, not rows × classes
        soft = kl * temperature ** 2  # keeps the soft gradients on the scale of the hard ones
        hard = -_log_softmax(s)[np.arange(rows), y].sum() / rows  # ordinary cross-entropy, at T = 1
        return alpha * soft + (1 - alpha) * hard

    return distillation_loss(student_logits, teacher_logits, labels, temperature, alpha, ignore_index)


def mean_over_classes(student_logits, teacher_logits, labels, temperature=2.0, alpha=0.5, ignore_index=-100):
    """You averaged the KL over rows × classes (reduction='mean') instead of summing the classes of each row
    ('batchmean'): the soft term is C times too small."""
    import numpy as np


    def _log_softmax(x: np.ndarray) -> np.ndarray:
        m = x.max(axis=1, keepdims=True)  # each row by its own max: no overflow, no log(0)
        return x - m - np.log(np.exp(x - m).sum(axis=1, keepdims=True))


    def distillation_loss(student_logits, teacher_logits, labels, temperature=2.0, alpha=0.5, ignore_index=-100):
        """alpha · T² · KL(softmax(t/T) ‖ softmax(s/T)) + (1 - alpha) · CE(s, labels), both averaged over kept rows."""
        student = np.asarray(student_logits)
        teacher = np.asarray(teacher_logits)
        labels = np.asarray(labels)
        keep = labels != ignore_index
        s, t, y = student[keep], teacher[keep], labels[keep]
        rows = s.shape[0]
        log_q = _log_softmax(s / temperature)  # the student, softened
        log_p = _log_softmax(t / temperature)  # the teacher, softened: the target distribution
        # KL(p ‖ q) = Σ p (log p - log q); p = 0 gives 0 since log p stays finite here
        kl = (np.exp(log_p) * (log_p - log_q)).mean(axis=1).sum() / rows  # 'batchmean': over rows, not rows × classes
        soft = kl * temperature ** 2  # keeps the soft gradients on the scale of the hard ones
        hard = -_log_softmax(s)[np.arange(rows), y].sum() / rows  # ordinary cross-entropy, at T = 1
        return alpha * soft + (1 - alpha) * hard

    return distillation_loss(student_logits, teacher_logits, labels, temperature, alpha, ignore_index)


def hard_term_at_temperature(student_logits, teacher_logits, labels, temperature=2.0, alpha=0.5, ignore_index=-100):
    """You computed the hard-label cross-entropy on the student's logits divided by T: the hard term uses the raw
    logits."""
    import numpy as np


    def _log_softmax(x: np.ndarray) -> np.ndarray:
        m = x.max(axis=1, keepdims=True)  # each row by its own max: no overflow, no log(0)
        return x - m - np.log(np.exp(x - m).sum(axis=1, keepdims=True))


    def distillation_loss(student_logits, teacher_logits, labels, temperature=2.0, alpha=0.5, ignore_index=-100):
        """alpha · T² · KL(softmax(t/T) ‖ softmax(s/T)) + (1 - alpha) · CE(s, labels), both averaged over kept rows."""
        student = np.asarray(student_logits)
        teacher = np.asarray(teacher_logits)
        labels = np.asarray(labels)
        keep = labels != ignore_index
        s, t, y = student[keep], teacher[keep], labels[keep]
        rows = s.shape[0]
        log_q = _log_softmax(s / temperature)  # the student, softened
        log_p = _log_softmax(t / temperature)  # the teacher, softened: the target distribution
        # KL(p ‖ q) = Σ p (log p - log q); p = 0 gives 0 since log p stays finite here
        kl = (np.exp(log_p) * (log_p - log_q)).sum(axis=1).sum() / rows  # 'batchmean': over rows, not rows × classes
        soft = kl * temperature ** 2  # keeps the soft gradients on the scale of the hard ones
        hard = -_log_softmax(s / temperature)[np.arange(rows), y].sum() / rows  # ordinary cross-entropy, at T = 1
        return alpha * soft + (1 - alpha) * hard

    return distillation_loss(student_logits, teacher_logits, labels, temperature, alpha, ignore_index)


def teacher_not_softened(student_logits, teacher_logits, labels, temperature=2.0, alpha=0.5, ignore_index=-100):
    """You divided only the student's logits by T: the teacher's distribution stays sharp, so its soft targets are
    not soft."""
    import numpy as np


    def _log_softmax(x: np.ndarray) -> np.ndarray:
        m = x.max(axis=1, keepdims=True)  # each row by its own max: no overflow, no log(0)
        return x - m - np.log(np.exp(x - m).sum(axis=1, keepdims=True))


    def distillation_loss(student_logits, teacher_logits, labels, temperature=2.0, alpha=0.5, ignore_index=-100):
        """alpha · T² · KL(softmax(t/T) ‖ softmax(s/T)) + (1 - alpha) · CE(s, labels), both averaged over kept rows."""
        student = np.asarray(student_logits)
        teacher = np.asarray(teacher_logits)
        labels = np.asarray(labels)
        keep = labels != ignore_index
        s, t, y = student[keep], teacher[keep], labels[keep]
        rows = s.shape[0]
        log_q = _log_softmax(s / temperature)  # the student, softened
        log_p = _log_softmax(t)  # the teacher, softened: the target distribution
        # KL(p ‖ q) = Σ p (log p - log q); p = 0 gives 0 since log p stays finite here
        kl = (np.exp(log_p) * (log_p - log_q)).sum(axis=1).sum() / rows  # 'batchmean': over rows, not rows × classes
        soft = kl * temperature ** 2  # keeps the soft gradients on the scale of the hard ones
        hard = -_log_softmax(s)[np.arange(rows), y].sum() / rows  # ordinary cross-entropy, at T = 1
        return alpha * soft + (1 - alpha) * hard

    return distillation_loss(student_logits, teacher_logits, labels, temperature, alpha, ignore_index)


def naive_p_log_p_over_q(student_logits, teacher_logits, labels, temperature=2.0, alpha=0.5, ignore_index=-100):
    """You computed the KL as sum(p * log(p / q)) from probabilities: a teacher probability that underflows to 0
    gives 0 * log 0 = nan."""
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

    return distillation_loss(student_logits, teacher_logits, labels, temperature, alpha, ignore_index)
