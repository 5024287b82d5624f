namespace AutoIF.Tests.Import;

/// <summary>Row counts of every table an import writes to, to prove a rejected file stored nothing.</summary>
public sealed record StoredRows(int Runs, int Instructions, int Verifiers, int TestCases, int BackTranslations, int Prompts, int Responses, int Queries, int StageProgress);
