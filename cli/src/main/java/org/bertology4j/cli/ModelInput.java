package org.bertology4j.cli;

import picocli.CommandLine.Mixin;

/** {@code --model} and {@code --text}/{@code --pair} of the single-input commands (the {@link SingleInputCommand}s and view). */
public final class ModelInput {
    @Mixin ModelOption model;

    @Mixin InputText input;

    /** Resolves and loads the model. */
    LoadedModel open() { return LoadedModel.open(model); }
}
