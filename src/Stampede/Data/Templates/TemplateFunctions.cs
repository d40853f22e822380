using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Bogus;

namespace Stampede.Data.Templates;

/// <summary>The built-in names a template may use, in one place so the parser, did-you-mean and the docs agree.</summary>
internal static class TemplateFunctions
{
    /// <summary>Root names with a meaning of their own; a variable cannot shadow them.</summary>
    public static readonly FrozenSet<string> Roots =
        new[] { "data", "setup", "env", "vu", "scenario", "now", "random", "fake", "question" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Built-ins without arguments.</summary>
    public static readonly FrozenDictionary<string, Func<TemplateScope, TemplateValue>> Values =
        new Dictionary<string, Func<TemplateScope, TemplateValue>>(StringComparer.Ordinal)
        {
            ["vu.id"] = s => TemplateValue.From(s.VuId),
            ["vu.idInScenario"] = s => TemplateValue.From(s.VuIdInScenario),
            ["vu.index"] = s => TemplateValue.From(s.VuIdInScenario - 1),
            ["vu.iteration"] = s => TemplateValue.From(s.Iteration),
            ["scenario.name"] = s => TemplateValue.From(s.ScenarioName),
            ["scenario.iteration"] = s => TemplateValue.From(s.ScenarioIteration),
            ["now.unixMs"] = s => TemplateValue.From(s.Context.Time.GetUtcNow().ToUnixTimeMilliseconds()),
            ["now.unix"] = s => TemplateValue.From(s.Context.Time.GetUtcNow().ToUnixTimeSeconds()),
            ["now.iso"] = s => TemplateValue.FromTime(s.Context.Time.GetUtcNow()),
            ["random.uuid"] = s => TemplateValue.From(NewUuid(s.Random)),
            ["question"] = s => TemplateValue.From(s.Questions.Next()),
            ["fake.name"] = s => TemplateValue.From(s.Faker.Name.FullName()),
            ["fake.firstName"] = s => TemplateValue.From(s.Faker.Name.FirstName()),
            ["fake.lastName"] = s => TemplateValue.From(s.Faker.Name.LastName()),
            ["fake.userName"] = s => TemplateValue.From(s.Faker.Internet.UserName()),
            ["fake.email"] = s => TemplateValue.From(s.Faker.Internet.Email()),
            ["fake.phone"] = s => TemplateValue.From(s.Faker.Phone.PhoneNumber()),
            ["fake.word"] = s => TemplateValue.From(s.Faker.Lorem.Word()),
            ["fake.sentence"] = s => TemplateValue.From(s.Faker.Lorem.Sentence()),
            ["fake.paragraph"] = s => TemplateValue.From(s.Faker.Lorem.Paragraph()),
            ["fake.company"] = s => TemplateValue.From(s.Faker.Company.CompanyName()),
            ["fake.jobTitle"] = s => TemplateValue.From(s.Faker.Name.JobTitle()),
            ["fake.streetAddress"] = s => TemplateValue.From(s.Faker.Address.StreetAddress()),
            ["fake.city"] = s => TemplateValue.From(s.Faker.Address.City()),
            ["fake.country"] = s => TemplateValue.From(s.Faker.Address.Country()),
            ["fake.url"] = s => TemplateValue.From(s.Faker.Internet.Url()),
            ["fake.uuid"] = s => TemplateValue.From(s.Faker.Random.Guid()),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Built-ins that take arguments, with how they are written.</summary>
    public static readonly FrozenDictionary<string, string> Functions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["random.int"] = "random.int(min, max)",
        ["random.float"] = "random.float(min, max)",
        ["random.pick"] = "random.pick(\"a\", \"b\", …)",
        ["random.string"] = "random.string(length)",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every built-in name, for did-you-mean.</summary>
    public static IEnumerable<string> AllNames => Values.Keys.Concat(Functions.Keys);

    /// <summary>A version-4 UUID from a seeded source, so it repeats with the seed (Guid.NewGuid would not).</summary>
    private static Guid NewUuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>Bogus with its own seeded randomiser (never Bogus's global seed, which is static).</summary>
    // Bogus resolves the "{{name.last_name}}" references inside its locale data through reflection: Faker's public
    // properties, then the public methods of each data set. Keep them, or under NativeAOT every fake.* that goes
    // through such a reference fails with "Unknown method … can't be found". A test checks these
    // attributes against Faker's data-set properties.
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(Faker))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(Bogus.DataSets.Address))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(Bogus.DataSets.Commerce))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(Bogus.DataSets.Company))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(Bogus.DataSets.Database))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(Bogus.DataSets.Date))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(Bogus.DataSets.Finance))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(Bogus.DataSets.Hacker))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(Bogus.DataSets.Images))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(Bogus.DataSets.Internet))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(Bogus.DataSets.Lorem))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(Bogus.DataSets.Music))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(Bogus.DataSets.Name))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(Bogus.DataSets.PhoneNumbers))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(Bogus.DataSets.Rant))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(Bogus.DataSets.System))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, typeof(Bogus.DataSets.Vehicle))]
    public static Faker CreateFaker(int seed) => new("en") { Random = new Randomizer(seed) };
}
