/**
 * The Adam family: {@link org.nnj.optimizers.adam.Adam} (and AMSGrad) and
 * {@link org.nnj.optimizers.adam.AdamW}, which share {@link org.nnj.optimizers.adam.AbstractAdam} and
 * differ in how weight decay enters; {@link org.nnj.optimizers.adam.Adamax} (the infinity norm) and
 * {@link org.nnj.optimizers.adam.NAdam} (Nesterov momentum). Providers {@code "adam"}, {@code "adamw"},
 * {@code "adamax"}, {@code "nadam"}.
 */
package org.nnj.optimizers.adam;
