package org.ntpgeo.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ntpgeo.data.DatasetDescription;
import org.ntpgeo.io.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a dataset's summary (V, m, n, T, H, support classes, provenance).",
        footer = {"", "Examples:", "  ntpgeo data show ds", "  ntpgeo data show ds --json"})
public final class DataShowCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Dataset directory (or its dataset.npz).")
    Path dir;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        if (json) spec.commandLine().getOut().println(Json.toString(DatasetDescription.json(dir)));
        else spec.commandLine().getOut().print(DatasetDescription.table(dir));
        return 0;
    }
}
