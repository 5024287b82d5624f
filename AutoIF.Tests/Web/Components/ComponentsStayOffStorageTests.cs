using System.Reflection;
using System.Reflection.Emit;
using AutoIF.Core.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Web.Components;

/// <summary>
/// Components show records from use-case services and Core queries; none holds, injects, declares, calls for or
/// receives an EF entity or a DbContext. Read from the compiled components, so a local variable, a lambda's capture or a
/// service call returning an entity counts as much as an injected DbContext.
/// </summary>
public class ComponentsStayOffStorageTests
{
    private static readonly Assembly Web = typeof(AutoIF.Web.Components.App).Assembly;

    [Fact]
    public void No_component_touches_an_entity_or_a_db_context()
    {
        var forbidden = EntityTypes();
        var components = Web.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t) && t.Namespace?.StartsWith("AutoIF.Web.Components", StringComparison.Ordinal) == true).ToList();
        Assert.Contains(components, t => t.Name == "RunDetail");

        var found = components.SelectMany(c => Uses(c).Where(u => Mentions(u.Type, forbidden)).Select(u => $"{c.Name}: {u.Where} uses {u.Type}")).Distinct().ToList();

        Assert.True(found.Count == 0, "Components must go through use-case services and records:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_check_sees_an_entity_behind_a_service_call_and_an_injected_context_factory()
    {
        var forbidden = EntityTypes();

        Assert.True(Mentions(typeof(Task<AutoIF.Core.Domain.Run>), forbidden));
        Assert.True(Mentions(typeof(IDbContextFactory<AutoIfDbContext>), forbidden));
        Assert.True(Mentions(typeof(List<AutoIF.Core.Domain.StageProgress>), forbidden));
        Assert.False(Mentions(typeof(AutoIF.Core.Domain.RunSettings), forbidden));
        Assert.False(Mentions(typeof(AutoIF.Core.Reports.RunReport), forbidden));
        Assert.Contains(Uses(typeof(UsesStorage)), u => Mentions(u.Type, forbidden));
    }

    [Fact]
    public void Components_do_not_import_ef_core_or_storage_for_every_page()
    {
        var imports = File.ReadAllText(Path.Combine(RepositoryRoot(), "AutoIF.Web", "Components", "_Imports.razor"));

        Assert.DoesNotContain("Microsoft.EntityFrameworkCore", imports, StringComparison.Ordinal);
        Assert.DoesNotContain("AutoIF.Core.Storage", imports, StringComparison.Ordinal);
    }

    /// <summary>Every entity the model maps (owned and join types too), plus the context and its factory.</summary>
    private static HashSet<Type> EntityTypes()
    {
        var options = new DbContextOptionsBuilder<SqliteAutoIfDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new SqliteAutoIfDbContext(options);
        var types = db.Model.GetEntityTypes().Select(e => e.ClrType).Where(t => t.Namespace?.StartsWith("AutoIF", StringComparison.Ordinal) == true).ToHashSet();
        Assert.Contains(typeof(AutoIF.Core.Domain.StageProgress), types);
        return types;
    }

    private static bool Mentions(Type type, HashSet<Type> entities)
    {
        if (type.IsByRef || type.IsPointer || type.IsArray)
        {
            return Mentions(type.GetElementType()!, entities);
        }
        if (entities.Contains(type) || typeof(DbContext).IsAssignableFrom(type))
        {
            return true;
        }
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(IDbContextFactory<>) || definition == typeof(DbSet<>))
            {
                return true;
            }
            return type.GetGenericArguments().Any(a => !a.IsGenericParameter && Mentions(a, entities));
        }
        return false;
    }

    private static IEnumerable<(string Where, Type Type)> Uses(Type component)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        // Async methods and lambdas live in nested compiler-made types: their fields are the method's locals and captures.
        foreach (var type in WithNested(component))
        {
            foreach (var field in type.GetFields(All))
            {
                yield return ($"field {type.Name}.{field.Name}", field.FieldType);
            }
            foreach (var property in type.GetProperties(All))
            {
                yield return ($"property {property.Name}", property.PropertyType);
            }
            foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
            {
                if (method is MethodInfo info)
                {
                    yield return ($"method {method.Name}", info.ReturnType);
                }
                foreach (var parameter in method.GetParameters())
                {
                    yield return ($"method {method.Name}", parameter.ParameterType);
                }
                var body = method.GetMethodBody();
                if (body is null)
                {
                    continue;
                }
                foreach (var local in body.LocalVariables)
                {
                    yield return ($"a local of {method.Name}", local.LocalType);
                }
                foreach (var member in CalledMembers(method, body))
                {
                    if (member.DeclaringType is { } declaring)
                    {
                        yield return ($"{method.Name} calling {declaring.Name}.{member.Name}", declaring);
                    }
                    switch (member)
                    {
                        case MethodInfo called:
                            yield return ($"{method.Name} calling {called.DeclaringType?.Name}.{called.Name}", called.ReturnType);
                            foreach (var argument in called.IsGenericMethod ? called.GetGenericArguments() : [])
                            {
                                yield return ($"{method.Name} calling {called.Name}", argument);
                            }
                            break;
                        case FieldInfo used:
                            yield return ($"{method.Name} reading {used.Name}", used.FieldType);
                            break;
                    }
                }
            }
        }
    }

    private static IEnumerable<Type> WithNested(Type type) => [type, .. type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(WithNested)];

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The methods, constructors and fields the method's IL refers to.</summary>
    private static IEnumerable<MemberInfo> CalledMembers(MethodBase method, MethodBody body)
    {
        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var members = new List<MemberInfo>();
        for (var at = 0; at < il.Length;)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var code = OpCodesByValue[value];
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, at);
                try
                {
                    members.Add(method.Module.ResolveMember(token, typeArguments, methodArguments)!);
                }
                catch (ArgumentException)
                {
                    // A type token (ldtoken of a type) is not a member; its type shows up where it is used.
                }
            }
            at += code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
        }
        return members;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "AutoIF.Web.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new DirectoryNotFoundException("No AutoIF.Web.sln above " + AppContext.BaseDirectory);
    }

    /// <summary>What the check must catch: a component that reads storage itself.</summary>
    private sealed class UsesStorage(IDbContextFactory<AutoIfDbContext> contexts)
    {
        public async Task<int> CountAsync()
        {
            await using var db = await contexts.CreateDbContextAsync();
            return await db.StageProgress.CountAsync();
        }
    }
}
