package org.ntpgeo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "svm", mixinStandardHelpOptions = true, description = "Solve NTP-SVM* for L_mm, with a dual certificate.")
public final class SolveSvmCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new org.ntpgeo.common.UserError("'svm' is not implemented yet");
    }
}
