/**
 * Test kits for plugin and backend authors, in main code so that other modules (and third parties) can
 * run them from their own tests; they throw {@link java.lang.AssertionError} and need no test framework,
 * so they work from JUnit, TestNG or a plain {@code main}.
 * <ul>
 *   <li>{@link org.nnj.testkit.GradientChecker} compares a layer's, an activation's or a loss's
 *       analytic gradients with central finite differences and names the worst elements.</li>
 *   <li>{@link org.nnj.testkit.LayerContract}, {@link org.nnj.testkit.ActivationContract},
 *       {@link org.nnj.testkit.LossContract} and {@link org.nnj.testkit.OptimizerContract} check
 *       everything a plugin of that kind promises: gradients, shape inference, its config and a save and
 *       load through a model file, thread-safe inference, determinism with a seed, a loss's mean over
 *       the batch, a complete optimizer state.</li>
 *   <li>{@link org.nnj.testkit.ServiceDeclarations} checks that a plugin's {@code META-INF/services}
 *       files and its {@code module-info} declare the same providers.</li>
 *   <li>{@link org.nnj.testkit.BackendConformance} checks a compute backend against the scalar
 *       reference over the cases of {@link org.nnj.testkit.GemmCase} and the other kernels.</li>
 * </ul>
 */
package org.nnj.testkit;
