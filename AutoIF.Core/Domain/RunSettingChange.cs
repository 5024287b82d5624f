namespace AutoIF.Core.Domain;

/// <summary>A setting whose value differs from its profile's default.</summary>
public sealed record RunSettingChange(string Key, string Value, string ProfileDefault);
