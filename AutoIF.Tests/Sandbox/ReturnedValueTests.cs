using System.Text.Json.Nodes;
using AutoIF.Core.Domain;
using AutoIF.Core.Sandbox;

namespace AutoIF.Tests.Sandbox;

public class ReturnedValueTests
{
    [Theory]
    [InlineData("true", "true", true)]
    [InlineData("true", "1", true)]
    [InlineData("1", "1.0", true)]
    [InlineData("false", "0", true)]
    [InlineData("true", "\"True\"", false)]
    [InlineData("\"True\"", "\"True\"", true)]
    [InlineData("\"True\"", "\"true\"", false)]
    [InlineData("[1, \"a\"]", "[true, \"a\"]", true)]
    [InlineData("[1, 2]", "[2, 1]", false)]
    [InlineData("{\"a\": 1, \"b\": null}", "{\"b\": null, \"a\": true}", true)]
    [InlineData("null", "null", false)]
    public void Python_equality_on_json_values(string returned, string expected, bool equal) =>
        Assert.Equal(equal, ReturnedValue.PythonEquals(JsonNode.Parse(returned), JsonNode.Parse(expected)));

    [Theory]
    [InlineData("str\nvalue: \"True\"", "\"True\"")]
    [InlineData("int\nvalue: 2\n--- output ---\nprinted", "2")]
    [InlineData("tuple", null)]
    public void A_not_bool_detail_carries_the_value(string detail, string? json) =>
        Assert.Equal(json, ReturnedValue.Read(VerdictKind.NotBool, detail)?.ToJsonString());

    [Theory]
    [InlineData("2", 2.0)]
    [InlineData("2.7", 2.0)]
    [InlineData("-2.7", -2.0)]
    [InlineData("\" 12 \"", 12.0)]
    [InlineData("\"1_000\"", 1000.0)]
    [InlineData("\"1.0\"", null)]
    [InlineData("\"True\"", null)]
    [InlineData("[1]", null)]
    public void Python_int_of_a_value(string value, double? expected) =>
        Assert.Equal(expected, ReturnedValue.PythonInt(JsonNode.Parse(value)));
}
