package org.nnj.examples.train;

import java.util.Locale;
import org.nnj.api.ConfigException;

/**
 * How a catalog model is trained unless the user says otherwise: the settings {@code ./nn train --model NAME}
 * takes for every option that is not given. The plain models share {@link #BASELINE}, the settings of the
 * PyTorch reference scripts; the accuracy recipes carry what got them their figures in {@code docs/ACCURACY.md}.
 *
 * @param epochs       passes over the training data
 * @param batchSize    examples per mini-batch
 * @param optimizer    optimizer provider name
 * @param learningRate the (base) learning rate
 * @param weightDecay  the optimizer's {@code weight_decay} (coupled L2 for adam and sgd, decoupled for adamw)
 * @param schedule     the learning-rate schedule over the run
 */
public record Recipe(int epochs, int batchSize, String optimizer, double learningRate, double weightDecay,
                     Schedule schedule) {

    /** Adam, lr 1e-3, batch 64, 10 epochs, constant rate: the reference scripts' settings. */
    public static final Recipe BASELINE = new Recipe(10, 64, "adam", 1e-3, 0, Schedule.NONE);

    /** A learning-rate schedule that {@code ./nn train} can apply, by its option value. */
    public enum Schedule {
        /** The rate stays where it is set. */
        NONE,
        /** Half a cosine from the rate down to 0 over every step of the run (PyTorch's CosineAnnealingLR per step). */
        COSINE;

        /** The option value: {@code none}, {@code cosine}. */
        public String optionValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The schedule named {@code value}; an unknown name lists the known ones. */
        public static Schedule of(String value) {
            for (Schedule s : values()) {
                if (s.optionValue().equals(value)) {
                    return s;
                }
            }
            throw new ConfigException("unknown schedule '" + value + "'; known schedules are none, cosine");
        }
    }

    /** This recipe as a line of help text: {@code adamw lr 0.001, weight decay 0.05, cosine, batch 128, 30 epochs}. */
    public String describe() {
        return optimizer + " lr " + learningRate + (weightDecay == 0 ? "" : ", weight decay " + weightDecay)
                + (schedule == Schedule.NONE ? "" : ", " + schedule.optionValue() + " schedule") + ", batch "
                + batchSize + ", " + epochs + " epochs";
    }
}
