using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoIF.Core;

public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to configuration section <paramref name="section"/> and checks its data
    /// annotations when the host starts, so a bad setting stops the app naming it instead of failing a job later.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
