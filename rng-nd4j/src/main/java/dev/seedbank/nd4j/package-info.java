/** The ND4J / DL4J bridge: INDArray fills, ND4J generator control, seeded weight init, training hooks. */
package dev.seedbank.nd4j;
