package io.github.srgandl4j.spark;

/** What to do with output files that already exist when a job is planned. */
public enum ExistingOutputs {
    /** Refuse the whole job, nothing written (as {@code srgan upscale} without {@code --force}). */
    REFUSE,
    /** Leave them and upscale only the other inputs: resumes a job that was killed. */
    SKIP,
    /** Replace them ({@code --force}). */
    OVERWRITE
}
