package dev.seedbank.examples;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Synthetic data the way quick DL4J experiments make it: random images from {@code Nd4j.rand} (the calling
 * thread's ND4J generator), labelled by their brightest quadrant. Stateless.
 */
public final class SyntheticImages {
    public static final int SIZE = 12;
    public static final int CLASSES = 4;

    private SyntheticImages() {
    }

    /** {@code n} images of 1 x 12 x 12 with one-hot labels of 4 classes. */
    public static DataSet generate(int n) {
        INDArray features = Nd4j.rand(DataType.FLOAT, n, 1, SIZE, SIZE);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        int h = SIZE / 2;
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestSum = -1;
            for (int q = 0; q < CLASSES; q++) {
                int r = (q / 2) * h;
                int c = (q % 2) * h;
                double sum = features.get(NDArrayIndex.point(i), NDArrayIndex.point(0),
                        NDArrayIndex.interval(r, r + h), NDArrayIndex.interval(c, c + h)).sumNumber().doubleValue();
                if (sum > bestSum) {
                    bestSum = sum;
                    best = q;
                }
            }
            labels.putScalar(i, best, 1f);
        }
        return new DataSet(features, labels);
    }
}
