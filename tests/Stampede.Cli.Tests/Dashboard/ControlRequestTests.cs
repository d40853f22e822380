using System.Text;
using Stampede.Cli.Dashboard;

namespace Stampede.Cli.Tests.Dashboard;

public sealed class ControlRequestTests
{
    [Fact]
    public void Parse_WhatToJsonWrote_GivesTheSameRequest()
    {
        var request = new ControlRequest(ControlRequest.SetVus, Vus: 200, Ramp: 20);
        ControlRequest.Parse(Encoding.UTF8.GetBytes(request.ToJson()), out var error).ShouldBe(request);
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData("not json", "expected a JSON object")]
    [InlineData("[1]", "expected a JSON object")]
    [InlineData("{\"action\":\"explode\"}", "unknown action 'explode'")]
    [InlineData("{\"action\":\"vus\",\"vus\":-3}", "\"vus\" must be a whole number")]
    [InlineData("{\"action\":\"vus\",\"vus\":2.5}", "\"vus\" must be a whole number")]
    [InlineData("{\"action\":\"rate\",\"rate\":\"fast\"}", "\"rate\" must be a number")]
    public void Parse_BadBody_SaysWhatWasExpected(string body, string expected)
    {
        ControlRequest.Parse(Encoding.UTF8.GetBytes(body), out var error).ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(expected);
    }
}
