using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Web.Components.Pages;

/// <summary>A database that cannot be reached: every page must show an error state instead of throwing.</summary>
public sealed class BrokenContextFactory : IDbContextFactory<AutoIfDbContext>
{
    public const string Message = "the database file is locked by another process";

    public AutoIfDbContext CreateDbContext() => throw new InvalidOperationException(Message);
}
