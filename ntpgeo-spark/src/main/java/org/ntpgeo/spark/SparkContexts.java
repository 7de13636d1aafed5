package org.ntpgeo.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Creates the Spark context of the job. Under spark-submit the master and all settings come from spark-submit;
 * started directly (bin/ntpgeo-spark, tests) the master defaults to {@code local[*]}. Local masters bind to
 * 127.0.0.1 and run without the web UI.
 */
public final class SparkContexts {
    private SparkContexts() {}

    public static SparkConf conf(String master, String appName) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) conf.setMaster(master);
        else if (!conf.contains("spark.master")) conf.setMaster("local[*]");
        // Kryo: several times smaller and faster than Java serialization for the shuffled int/long arrays
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.set("spark.kryo.registrator", KryoRegistration.class.getName());
        if (conf.get("spark.master").startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1");
            conf.set("spark.driver.bindAddress", "127.0.0.1");
            conf.set("spark.ui.enabled", "false");
        }
        return conf;
    }

    public static JavaSparkContext start(String master, String appName) {
        JavaSparkContext sc = new JavaSparkContext(conf(master, appName));
        sc.setLogLevel("WARN");
        return sc;
    }
}
