namespace AutoIF.Tests.Sandbox;

[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<SandboxFixture>, ICollectionFixture<SingleWorkerFixture>
{
    public const string Name = "Sandbox";
}
