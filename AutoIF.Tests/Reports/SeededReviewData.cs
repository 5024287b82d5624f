namespace AutoIF.Tests.Reports;

/// <summary>Ids of the rows <see cref="ReviewDataSeeder"/> wrote.</summary>
public sealed record SeededReviewData(
    int RunId,
    int KeptInstructionId,
    int CrossValidateDroppedInstructionId,
    int ConsistencyDroppedInstructionId,
    int GoodVerifierId,
    int DisagreeingVerifierId,
    int BrokenVerifierId,
    int ErroringVerifierId,
    long FirstResponseId);
