using Stampede.Plans;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads <c>http:</c>, the plan's HTTP settings; what it leaves out keeps <see cref="HttpDefaults"/>' default.</summary>
internal sealed class HttpSettingsReader(PlanReader reader)
{
    public HttpDefaults Read(YamlNode node)
    {
        var http = new HttpDefaults();
        foreach (var (key, _, value) in reader.Mapping(node, "http", PlanKeys.Http, "HTTP settings"))
        {
            var path = "http." + key;
            http = key switch
            {
                "timeout" => reader.Duration(value, path, allowZero: false) is { } timeout ? http with { Timeout = timeout } : http,
                "maxRedirects" => reader.Int(value, path, 0, 100) is { } redirects ? http with { MaxRedirects = redirects } : http,
                "http2" => http with { Http2 = reader.Bool(value, path) ?? false },
                "insecureSkipTlsVerify" => http with { InsecureSkipTlsVerify = reader.Bool(value, path) ?? false },
                "cookies" => http with { Cookies = reader.Bool(value, path) ?? true },
                "shareConnections" => http with { ShareConnections = reader.Bool(value, path) ?? false },
                _ => http with { Headers = reader.StringMap(value, path, "headers") },
            };
        }

        return http;
    }
}
