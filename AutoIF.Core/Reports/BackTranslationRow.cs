namespace AutoIF.Core.Reports;

public sealed record BackTranslationRow(int Id, int? VerifierId, string Text, NliLabel Label, string? LabelRaw, bool IsDemo);
