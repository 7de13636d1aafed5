package org.ntpgeo.train;

/**
 * Optional for a {@link TrainableModel}: the loss it already computed during the last
 * {@link TrainableModel#trainEpoch} (for full batch: the NTP loss before the step; for mini-batches: the sum of
 * the batch losses). The {@link Trainer} uses it, at no extra cost, for the progress bar and to detect NaN/inf
 * after every epoch instead of only at logged epochs.
 */
public interface ReportsEpochLoss {
    double lastEpochLoss();
}
