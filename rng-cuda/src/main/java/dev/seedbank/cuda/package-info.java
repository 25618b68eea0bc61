/** cuRAND generators bound to Seedbank streams, and ND4J's CUDA backend under Seedbank's control. */
package dev.seedbank.cuda;
