using System.Text.Json.Nodes;

namespace Stampede.K6.Tests.Summary;

/// <summary>A small handleSummary data object, written out, whose every printed figure is known.</summary>
internal static class SummaryDataSample
{
    public const string Json = """
        {
          "root_group": {
            "name": "", "path": "", "id": "d41d8cd98f00b204e9800998ecf8427e",
            "groups": [
              { "name": "api", "path": "::api", "id": "a", "groups": [],
                "checks": [ { "name": "is 200", "path": "::api::is 200", "id": "b", "passes": 9, "fails": 1 } ] }
            ],
            "checks": [ { "name": "home ok", "path": "::home ok", "id": "c", "passes": 3, "fails": 0 } ]
          },
          "options": { "summaryTrendStats": ["avg", "min", "med", "max", "p(90)", "p(95)"], "summaryTimeUnit": "", "noColor": false },
          "state": { "isStdOutTTY": false, "isStdErrTTY": false, "testRunDurationMs": 3000 },
          "metrics": {
            "vus": { "type": "gauge", "contains": "default", "values": { "value": 2, "min": 1, "max": 2 } },
            "http_reqs": { "type": "counter", "contains": "default", "values": { "count": 10, "rate": 3.333333333 } },
            "http_req_duration{expected_response:true}": { "type": "trend", "contains": "time",
              "values": { "avg": 1, "min": 1, "med": 1, "max": 1, "p(90)": 1, "p(95)": 1 },
              "thresholds": { "p(95)<500": { "ok": true } } },
            "http_req_duration": { "type": "trend", "contains": "time",
              "values": { "avg": 12.3456, "min": 0.5, "med": 10, "max": 1500, "p(90)": 20, "p(95)": 65000 },
              "thresholds": { "p(95)<500": { "ok": false }, "avg<100": { "ok": true } } },
            "checks": { "type": "rate", "contains": "default", "values": { "rate": 0.923, "passes": 12, "fails": 1 } },
            "data_received": { "type": "counter", "contains": "data", "values": { "count": 1500, "rate": 500 } }
          }
        }
        """;

    public static JsonObject Data => JsonNode.Parse(Json)!.AsObject();
}
