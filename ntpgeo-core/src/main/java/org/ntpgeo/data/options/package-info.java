/**
 * Command-line options shared by the programs that build datasets ({@code ntpgeo data build} and the Spark job in
 * ntpgeo-spark), as picocli mixins, so that both accept the same recipe with the same names, defaults and help.
 * It lives in ntpgeo-core because the Spark job depends on ntpgeo-core but not on ntpgeo-cli.
 */
package org.ntpgeo.data.options;
