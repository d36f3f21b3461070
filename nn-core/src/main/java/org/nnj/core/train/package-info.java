/**
 * The training loop: {@link org.nnj.core.train.Trainer} (mini-batches, seeded shuffling, epochs,
 * validation, metrics, early stopping, {@link org.nnj.core.train.GradientClipping gradient clipping}, a
 * {@link org.nnj.core.train.LearningRateScheduler learning-rate schedule} per epoch or step) and what it
 * reports to: {@link org.nnj.core.train.TrainingListener}s
 * such as the {@link org.nnj.core.train.ProgressBar} and the {@link org.nnj.core.train.CsvLogger}, and the
 * records of a run ({@link org.nnj.core.train.TrainingPlan}, {@link org.nnj.core.train.EpochMetrics},
 * {@link org.nnj.core.train.TrainingHistory}, {@link org.nnj.core.train.EvaluationResult}).
 */
package org.nnj.core.train;
