/**
 * Learning-rate schedules, each a {@link org.nnj.api.optim.LearningRateSchedule} that combines with any
 * optimizer, with the formulas of PyTorch's {@code torch.optim.lr_scheduler}:
 * {@link org.nnj.optimizers.schedule.StepDecay} ({@code StepLR}),
 * {@link org.nnj.optimizers.schedule.ExponentialDecay} ({@code ExponentialLR}),
 * {@link org.nnj.optimizers.schedule.CosineAnnealing} ({@code CosineAnnealingLR}),
 * {@link org.nnj.optimizers.schedule.LinearWarmup} ({@code LinearLR} followed by another schedule, as
 * {@code SequentialLR} chains them) and {@link org.nnj.optimizers.schedule.ReduceOnPlateau}
 * ({@code ReduceLROnPlateau}). The training loop in {@code nn-core} applies them per epoch or per step.
 */
package org.nnj.optimizers.schedule;
