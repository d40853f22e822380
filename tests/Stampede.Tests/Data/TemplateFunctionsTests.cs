using Bogus;
using Shouldly;
using Stampede.Data;
using Xunit;

namespace Stampede.Tests.Data;

public sealed class TemplateFunctionsTests
{
    [Fact]
    public void FakerDataSets_KeptForBogusReflection_CoverEveryDataSetOfFaker()
    {
        var dataSets = typeof(Faker).GetProperties()
            .Select(p => p.PropertyType)
            .Where(t => t.IsSubclassOf(typeof(Bogus.DataSet)))
            .Distinct();

        dataSets.ShouldBeSubsetOf(TemplateFunctions.FakerDataSets);
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
