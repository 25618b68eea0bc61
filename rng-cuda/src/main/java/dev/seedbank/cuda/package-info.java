/** cuRAND generators bound to Seedbank streams, and the CUDA entries of the environment record. */
package dev.seedbank.cuda;
