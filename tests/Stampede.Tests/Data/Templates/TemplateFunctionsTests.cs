using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Bogus;
using Shouldly;
using Stampede.Data.Templates;
using Xunit;

namespace Stampede.Tests.Data.Templates;

public sealed class TemplateFunctionsTests
{
    [Fact]
    public void CreateFaker_KeepsThePublicMethodsOfEveryDataSetOfFaker()
    {
        var dataSets = typeof(Faker).GetProperties()
            .Select(p => p.PropertyType)
            .Where(t => t.IsSubclassOf(typeof(Bogus.DataSet)))
            .Distinct();
        var kept = typeof(TemplateFunctions).GetMethod(nameof(TemplateFunctions.CreateFaker))!
            .GetCustomAttributes<DynamicDependencyAttribute>()
            .Where(a => a.MemberTypes.HasFlag(DynamicallyAccessedMemberTypes.PublicMethods))
            .Select(a => a.Type);

        dataSets.ShouldBeSubsetOf(kept);
    }

    [Fact]
    public void CreateFaker_LocaleReferenceToAnotherDataSet_Resolves()
    {
        // Full names are built from locale formats such as "{{name.first_name}} {{name.last_name}}".
        var faker = TemplateFunctions.CreateFaker(7);

        faker.Name.FullName().ShouldContain(" ");
        faker.Address.StreetAddress().ShouldNotBeNullOrWhiteSpace();
    }
}
