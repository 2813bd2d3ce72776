package io.github.srgandl4j.core.train;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Minimal loss implementations for core's trainer tests (srgan-losses has the real ones). */
final class TestLosses {
    private TestLosses() {}

    static final ContentLoss MSE = new ContentLoss() {
        @Override
        public SDVariable define(SameDiff sd, SDVariable sr, SDVariable hr) {
            return sd.math().squaredDifference(sr, hr).mean();
        }

        @Override
        public String describe() {
            return "test-mse";
        }
    };

    /** softplus(x) = max(x, 0) + log(1 + exp(-|x|)). */
    static SDVariable softplus(SameDiff sd, SDVariable x) {
        return sd.nn().relu(x, 0).add(sd.math().log1p(sd.math().exp(sd.math().abs(x).neg())));
    }

    static final AdversarialLoss BCE = new AdversarialLoss() {
        @Override
        public SDVariable generatorLoss(SameDiff sd, SDVariable fake) {
            return softplus(sd, fake.neg()).mean();
        }

        @Override
        public SDVariable discriminatorLoss(SameDiff sd, SDVariable real, SDVariable fake) {
            return softplus(sd, real.neg()).mean().add(softplus(sd, fake).mean());
        }

        @Override
        public String describe() {
            return "test-bce";
        }
    };

    /** ESRGAN's relativistic average losses (srgan-losses has the real one, tested against loops there). */
    static final AdversarialLoss RELATIVISTIC = new AdversarialLoss() {
        @Override
        public boolean generatorNeedsRealLogits() {
            return true;
        }

        @Override
        public SDVariable generatorLoss(SameDiff sd, SDVariable fake) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SDVariable generatorLoss(SameDiff sd, SDVariable real, SDVariable fake) {
            return softplus(sd, real.sub(fake.mean())).mean().add(softplus(sd, fake.sub(real.mean()).neg()).mean())
                    .mul(0.5);
        }

        @Override
        public SDVariable discriminatorLoss(SameDiff sd, SDVariable real, SDVariable fake) {
            return softplus(sd, real.sub(fake.mean()).neg()).mean().add(softplus(sd, fake.sub(real.mean())).mean())
                    .mul(0.5);
        }

        @Override
        public String describe() {
            return "test-relativistic";
        }
    };

    /** A generator "loss" that is the mean logit of the real images, to see which images the trainer passes. */
    static final AdversarialLoss MEAN_REAL_LOGIT = new AdversarialLoss() {
        @Override
        public boolean generatorNeedsRealLogits() {
            return true;
        }

        @Override
        public SDVariable generatorLoss(SameDiff sd, SDVariable fake) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SDVariable generatorLoss(SameDiff sd, SDVariable real, SDVariable fake) {
            return real.mean().add(fake.mul(0).mean());
        }

        @Override
        public SDVariable discriminatorLoss(SameDiff sd, SDVariable real, SDVariable fake) {
            return BCE.discriminatorLoss(sd, real, fake);
        }

        @Override
        public String describe() {
            return "test-mean-real-logit";
        }
    };
}
