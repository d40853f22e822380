using System.IO.Compression;
using System.Xml.Linq;
using Shouldly;
using Xunit;

namespace Stampede.EndToEnd.Tests.Packaging;

/// <summary>The <c>Stampede</c> package, for C# plans: the engine's assembly, its XML docs for IntelliSense, and its README on the package page.</summary>
[Collection(nameof(SerialCollection))]
public sealed class LibraryPackageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-lib-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task LibraryPackage_HoldsTheAssemblyItsXmlDocsAndItsReadme()
    {
        var nupkg = await ProjectPackage.PackAsync("src/Stampede", _folder);

        using var package = ZipFile.OpenRead(nupkg);
        var entries = package.Entries.Select(e => e.FullName).ToList();
        entries.ShouldContain("lib/net10.0/Stampede.dll");
        var nuspec = XDocument.Load(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Field("id").ShouldBe("Stampede");
        Field("description").ShouldNotBeNullOrWhiteSpace();
        Field("readme").ShouldBe("README.md");
        using (var readme = new StreamReader(package.GetEntry("README.md")!.Open()))
        {
            (await readme.ReadToEndAsync()).ShouldContain("TestPlan.Create(");
        }

        using var docs = new StreamReader(package.GetEntry("lib/net10.0/Stampede.xml")!.Open());
        (await docs.ReadToEndAsync()).ShouldContain("\"T:Stampede.Execution.Engine\"");
    }
}
