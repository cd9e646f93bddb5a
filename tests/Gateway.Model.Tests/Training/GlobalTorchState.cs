namespace Gateway.Model.Tests.Training;

/// <summary>
/// Tests that read torch's process-wide generator (dropout) or thread count run alone: a test class running beside
/// them would draw from the same generator and change their random numbers.
/// </summary>
[CollectionDefinition(nameof(GlobalTorchState), DisableParallelization = true)]
public sealed class GlobalTorchState;
