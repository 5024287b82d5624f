using AutoIF.Core.Llm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoIF.Tests.Llm;

public sealed class LlmOptionsTests
{
    [Fact]
    public void Without_an_endpoint_the_mode_is_demo()
    {
        using var host = LlmTestHost.Create(new Dictionary<string, string?>());

        Assert.Equal(LlmMode.Demo, host.Gateway.Mode);
    }

    [Fact]
    public void With_a_base_url_and_no_mode_the_mode_is_endpoint()
    {
        var options = new LlmOptions { Supervision = { BaseUrl = "http://localhost:8000/v1", Model = "m" } };

        Assert.Equal(LlmMode.Endpoint, options.EffectiveMode);
        Assert.Empty(LlmOptionsValidator.Errors(options));
    }

    [Theory]
    [InlineData("Llm:Mode", "Endpoint", "Llm:Supervision:BaseUrl")]
    [InlineData("Llm:Supervision:MaxConcurrency", "0", "Llm:Supervision:MaxConcurrency")]
    [InlineData("Llm:Supervision:BaseUrl", "localhost:8000", "Llm:Supervision:BaseUrl")]
    [InlineData("Llm:Policy:TopP", "1.5", "Llm:Policy:TopP")]
    [InlineData("Llm:Resilience:MaxRetries", "99", "Llm:Resilience:MaxRetries")]
    public void Bad_settings_fail_at_start_naming_the_key(string key, string value, string named)
    {
        using var host = LlmTestHost.Create(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<LlmOptions>>().Value);

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void Endpoint_mode_requires_a_model_name()
    {
        var options = new LlmOptions { Supervision = { BaseUrl = "http://localhost:8000/v1" } };

        Assert.Contains(LlmOptionsValidator.Errors(options), e => e.StartsWith("Llm:Supervision:Model", StringComparison.Ordinal));
    }

    [Fact]
    public void The_policy_role_falls_back_to_the_supervision_endpoint()
    {
        var options = new LlmOptions { Supervision = { BaseUrl = "http://a/v1", Model = "teacher" } };

        Assert.Equal("teacher", options.For(AutoIF.Core.Domain.LlmRole.Policy).Model);
        options.Policy.BaseUrl = "http://b/v1";
        options.Policy.Model = "student";
        Assert.Equal("student", options.For(AutoIF.Core.Domain.LlmRole.Policy).Model);
    }

    [Fact]
    public void Endpoints_take_the_roles_settings_as_defaults_and_keep_their_keys_out_of_the_text()
    {
        var options = new LlmOptions
        {
            Supervision =
            {
                Model = "teacher", ApiKey = "sk-role-key-123456", MaxConcurrency = 8,
                Endpoints = [new() { BaseUrl = "http://gpu1:8000/v1" }, new() { BaseUrl = "http://gpu2:8000/v1", MaxConcurrency = 32, ApiKey = "sk-own-key-654321" }],
            },
        };

        var servers = options.Supervision.Servers();

        Assert.Equal(LlmMode.Endpoint, options.EffectiveMode);
        Assert.Empty(LlmOptionsValidator.Errors(options));
        Assert.Equal([("http://gpu1:8000/v1", 8, "sk-role-key-123456"), ("http://gpu2:8000/v1", 32, "sk-own-key-654321")],
            servers.Select(s => (s.BaseUrl, s.MaxConcurrency, s.ApiKey)));
        Assert.All(servers, s => Assert.Equal("teacher", s.Model));
        Assert.Equal(40, options.Supervision.TotalConcurrency);
        Assert.DoesNotContain("sk-", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_endpoint_entry_is_named_by_its_index()
    {
        var options = new LlmOptions
        {
            Supervision = { Model = "teacher", Endpoints = [new() { BaseUrl = "http://gpu1:8000/v1" }, new() { BaseUrl = "gpu2:8000", Model = "other" }] },
        };

        var errors = LlmOptionsValidator.Errors(options);

        Assert.Contains(errors, e => e.StartsWith("Llm:Supervision:Endpoints:1:BaseUrl 'gpu2:8000'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Llm:Supervision:Endpoints name different models", StringComparison.Ordinal));
    }
}
