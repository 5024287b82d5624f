using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Storage;

/// <summary>Hands out the configured provider's context as the provider-neutral <see cref="AutoIfDbContext"/>.</summary>
internal sealed class AutoIfDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AutoIfDbContext>
    where TContext : AutoIfDbContext
{
    public AutoIfDbContext CreateDbContext() => inner.CreateDbContext();
}
