namespace AutoIF.Web.UseCases;

/// <summary>
/// Who a use case acts for, as the run's audit list records it: the signed-in user in the pages and the HTTP API, the
/// operating-system user in the CLI. Each host registers its own.
/// </summary>
public interface IActingUser
{
    Task<string> NameAsync();
}
