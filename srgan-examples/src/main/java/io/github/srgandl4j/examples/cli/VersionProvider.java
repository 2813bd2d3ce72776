package io.github.srgandl4j.examples.cli;

import picocli.CommandLine;

/** Reports the library version from the jar manifest and the DL4J version it was built against. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = SrganCli.class.getPackage().getImplementationVersion();
        return new String[] {
            "srgan-dl4j " + (v == null ? "(development build)" : v),
            "Deeplearning4j/ND4J 1.0.0-M2.1, Java " + System.getProperty("java.version")
        };
    }
}
