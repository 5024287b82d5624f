namespace AutoIF.Core.Domain;

/// <summary>The stages of an AutoIF run in pipeline order; the funnel and drop reasons name these.</summary>
public enum PipelineStage
{
    Seeds = 0,
    Augment = 1,
    Verifiers = 2,
    Compile = 3,
    CrossValidate = 4,
    BackTranslate = 5,
    Consistency = 6,
    Queries = 7,
    Compose = 8,
    Sample = 9,
    Verify = 10,
    Judge = 11,
    Pairs = 12,
    Export = 13,
    OnlineRound = 14,
}
