using AutoIF.Core.Domain;

namespace AutoIF.Tests.Web.Apis;

/// <summary>A response of the demo run as the Verify stage stored it.</summary>
public sealed record StoredResponse(long Id, int PromptId, int InstructionId, string Prompt, string Text, double Accuracy, IReadOnlyList<(int VerifierId, VerdictKind Kind)> Verdicts);
