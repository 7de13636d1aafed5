package org.ntpgeo.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Ntpgeo.class.getPackage().getImplementationVersion();
        return new String[] {"ntpgeo " + (v == null ? "0.1.0-SNAPSHOT" : v) + " (Java " + System.getProperty("java.version") + ")"};
    }
}
