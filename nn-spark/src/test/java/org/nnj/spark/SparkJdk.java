package org.nnj.spark;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only on a JDK that Spark 4.0.1 supports (17 and 21). On JDK 24 and later, Hadoop's
 * {@code UserGroupInformation} (which every Spark context starts) calls {@code Subject.getSubject}, which
 * those JDKs no longer support, so no Spark context can start there.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SparkJdk.Condition.class)
@interface SparkJdk {

    /** The JUnit condition behind the annotation. */
    final class Condition implements ExecutionCondition {
        /** The first JDK on which Spark 4.0.1 cannot start. */
        static final int FIRST_UNSUPPORTED = 24;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            int feature = Runtime.version().feature();
            return feature < FIRST_UNSUPPORTED
                    ? ConditionEvaluationResult.enabled("JDK " + feature + " runs Spark 4.0.1")
                    : ConditionEvaluationResult.disabled("Spark 4.0.1 does not run on JDK " + feature + ": Hadoop's"
                    + " UserGroupInformation calls Subject.getSubject, unsupported since JDK 24; Spark supports JDK"
                    + " 17 and 21");
        }
    }
}
