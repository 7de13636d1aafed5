package org.ntpgeo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a UFM or a neural language model on an NTP dataset.")
public final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new org.ntpgeo.common.UserError("'train' is not implemented yet");
    }
}
