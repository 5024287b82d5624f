namespace AutoIF.Web.UseCases;

/// <summary>A run a front end names or has just made: enough to link to it and to say which run a message is about.</summary>
public sealed record RunRef(int Id, string Name);
