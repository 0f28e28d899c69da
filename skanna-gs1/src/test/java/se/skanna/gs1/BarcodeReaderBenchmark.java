package se.skanna.gs1;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Parsing alone, per kind of code: {@code bash bench/jmh.sh BarcodeReaderBenchmark}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BarcodeReaderBenchmark {

    final BarcodeReader reader = BarcodeReader.swedish();

    @Benchmark
    public Barcode ean13() {
        return reader.read("7310865004703");
    }

    @Benchmark
    public Barcode weightLabel() {
        return reader.read("2300000112504");
    }

    @Benchmark
    public Barcode gs1DataBar() {
        return reader.read("]e0010950600013435210ABC123\u001D3103001250");
    }

    @Benchmark
    public Barcode digitalLink() {
        return reader.read("https://id.gs1.org/01/09506000134352/10/ABC123?17=271231");
    }
}
