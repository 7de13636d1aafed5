package org.ntpgeo.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers the job's shuffled classes with Kryo. Records (the split descriptions, a few per job) use Java
 * serialization: Spark's Kryo cannot set a record's final fields.
 */
public final class KryoRegistration implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(IntTuple.class);
        kryo.register(ContextAgg.class);
        kryo.register(TokenStat.class);
        kryo.register(int[].class);
        kryo.register(long[].class);
        kryo.register(String[].class);
        kryo.register(TokenIds.class);
        kryo.register(CorpusSplit.class, new JavaSerializer());
        kryo.register(SparkDatasetBuilder.InputFile.class, new JavaSerializer());
    }
}
