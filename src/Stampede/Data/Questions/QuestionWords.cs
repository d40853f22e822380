using System.Collections.Frozen;
using System.Globalization;

namespace Stampede.Data.Questions;

/// <summary>Word lists for the built-in question banks. Kept in code so generation needs no files and no network.</summary>
internal static class QuestionWords
{
    /// <summary>The list for slot <paramref name="name"/>; a trailing digit picks the same list again (<c>{city2}</c>).</summary>
    public static IReadOnlyList<string>? Find(string name) =>
        Lists.TryGetValue(name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), out var list) ? list : null;

    private static string[] Range(int from, int to, int step = 1) =>
        [.. Enumerable.Range(0, ((to - from) / step) + 1).Select(i => (from + (i * step)).ToString(CultureInfo.InvariantCulture))];

    private static readonly FrozenDictionary<string, string[]> Lists = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["style"] =
        [
            "", " Keep it under 100 words.", " Explain it to a high-school student.", " Give three concrete examples.",
            " Answer in one paragraph.", " Use a numbered list.", " End with a one-sentence summary.", " Explain it as if to a ten-year-old.",
            " Be concise.", " Include the most important dates or figures.", " Mention one common misconception.", " Answer in about 200 words.",
            " Compare two points of view.", " Use simple language.", " Add a short analogy.", " Write it for an expert audience.",
            " Suggest one book or source for further reading.", " Answer step by step.", " Use a table if it helps.", " Finish with an open question.",
        ],
        ["event"] =
        [
            "the fall of the Western Roman Empire", "the Norman conquest of England", "the signing of the Magna Carta", "the Black Death",
            "the fall of Constantinople", "the voyages of Columbus", "the Protestant Reformation", "the Thirty Years' War",
            "the Glorious Revolution", "the Scientific Revolution", "the American Revolution", "the French Revolution",
            "the Haitian Revolution", "the Napoleonic Wars", "the Congress of Vienna", "the Industrial Revolution",
            "the revolutions of 1848", "the Meiji Restoration", "the American Civil War", "the unification of Germany",
            "the unification of Italy", "the Scramble for Africa", "the Boxer Rebellion", "the Russo-Japanese War",
            "the First World War", "the Russian Revolution", "the Spanish flu pandemic", "the Great Depression",
            "the Spanish Civil War", "the Second World War", "the partition of India", "the founding of the United Nations",
            "the Chinese Civil War", "the Marshall Plan", "the Korean War", "the Suez Crisis", "the Cuban Missile Crisis",
            "the space race", "the civil rights movement", "the Vietnam War", "the decolonisation of Africa", "the moon landing",
            "the oil crisis of 1973", "the Iranian Revolution", "the fall of the Berlin Wall", "the end of apartheid",
            "the collapse of the Soviet Union", "the creation of the European Union", "the invention of the printing press",
            "the Silk Road trade", "the rise of the Mongol Empire", "the Crusades", "the Hundred Years' War", "the Renaissance",
            "the Age of Enlightenment", "the abolition of the transatlantic slave trade", "the Irish Famine", "the Opium Wars",
            "the building of the Panama Canal", "the Mexican Revolution", "the women's suffrage movement",
        ],
        ["aspect"] =
        [
            "trade", "religion", "science", "the arts", "literature", "warfare", "diplomacy", "public health", "education",
            "agriculture", "urban life", "women's rights", "the economy", "technology", "architecture", "law", "migration",
            "national identity", "the press", "the working class", "the nobility", "colonial rule", "banking", "music",
            "philosophy", "navigation", "medicine", "language", "food and diet", "family life",
        ],
        ["person"] =
        [
            "Julius Caesar", "Cleopatra", "Charlemagne", "Genghis Khan", "Joan of Arc", "Leonardo da Vinci", "Martin Luther",
            "Elizabeth I", "Galileo Galilei", "Isaac Newton", "Peter the Great", "Catherine the Great", "George Washington",
            "Thomas Jefferson", "Napoleon Bonaparte", "Simón Bolívar", "Toussaint Louverture", "Queen Victoria", "Abraham Lincoln",
            "Otto von Bismarck", "Karl Marx", "Charles Darwin", "Florence Nightingale", "Emperor Meiji", "Marie Curie",
            "Vladimir Lenin", "Mahatma Gandhi", "Winston Churchill", "Franklin D. Roosevelt", "Mustafa Kemal Atatürk",
            "Mao Zedong", "Jawaharlal Nehru", "Eleanor Roosevelt", "Charles de Gaulle", "Kwame Nkrumah", "Martin Luther King Jr.",
            "Nelson Mandela", "Margaret Thatcher", "Mikhail Gorbachev", "Ada Lovelace", "Mansa Musa", "Suleiman the Magnificent",
            "Akbar the Great", "Hammurabi", "Confucius", "Ashoka", "Saladin", "Ibn Battuta", "Zheng He", "Frederick Douglass",
        ],
        ["group"] =
        [
            "farmers", "merchants", "soldiers", "children", "women", "craftsmen", "priests", "students", "sailors", "city dwellers",
            "factory workers", "scientists", "artists", "immigrants", "the elderly", "teachers", "doctors", "shopkeepers",
        ],
        ["place"] =
        [
            "Rome", "Paris", "London", "Venice", "Florence", "Constantinople", "Baghdad", "Cairo", "Timbuktu", "Beijing",
            "Kyoto", "Delhi", "Samarkand", "Vienna", "Amsterdam", "Lisbon", "Seville", "Moscow", "Boston", "Mexico City",
            "Cusco", "Edo", "Berlin", "Istanbul", "Alexandria", "Athens", "Jerusalem", "Damascus", "Kraków", "Prague",
        ],
        ["year"] = Range(1000, 1990),
        ["century"] = ["11th", "12th", "13th", "14th", "15th", "16th", "17th", "18th", "19th", "20th"],
        ["country"] =
        [
            "France", "Japan", "Peru", "Brazil", "Kenya", "Egypt", "India", "China", "Canada", "Mexico", "Argentina", "Chile",
            "Norway", "Sweden", "Finland", "Iceland", "Germany", "Poland", "Italy", "Spain", "Portugal", "Greece", "Turkey",
            "Morocco", "Nigeria", "Ghana", "Ethiopia", "South Africa", "Madagascar", "Indonesia", "Vietnam", "Thailand",
            "the Philippines", "Australia", "New Zealand", "Mongolia", "Kazakhstan", "Iran", "Pakistan", "Bangladesh", "Nepal",
            "Colombia", "Bolivia", "Cuba", "Ireland", "Scotland", "the Netherlands", "Switzerland", "Austria", "Hungary",
            "Romania", "Ukraine", "Georgia", "Saudi Arabia", "Oman", "Tanzania", "Senegal", "Sri Lanka", "South Korea", "Uruguay",
        ],
        ["city"] =
        [
            "Tokyo", "Paris", "Lima", "Nairobi", "Cairo", "Mumbai", "Shanghai", "Toronto", "Mexico City", "Buenos Aires",
            "Santiago", "Oslo", "Stockholm", "Helsinki", "Reykjavik", "Berlin", "Warsaw", "Rome", "Madrid", "Lisbon", "Athens",
            "Istanbul", "Marrakesh", "Lagos", "Accra", "Addis Ababa", "Cape Town", "Jakarta", "Hanoi", "Bangkok", "Manila",
            "Sydney", "Auckland", "Ulaanbaatar", "Almaty", "Tehran", "Karachi", "Dhaka", "Kathmandu", "Bogotá", "La Paz",
            "Havana", "Dublin", "Edinburgh", "Amsterdam", "Zurich", "Vienna", "Budapest", "Bucharest", "Kyiv", "Tbilisi",
            "Riyadh", "Muscat", "Dar es Salaam", "Dakar", "Colombo", "Seoul", "Montevideo", "Vancouver", "Chicago", "New Orleans",
            "San Francisco", "Singapore", "Hong Kong", "Dubai", "Cusco", "Kyoto", "Venice", "Prague", "Kraków",
        ],
        ["river"] =
        [
            "Nile", "Amazon", "Yangtze", "Mississippi", "Yenisei", "Yellow River", "Ob", "Paraná", "Congo", "Amur", "Lena",
            "Mekong", "Mackenzie", "Niger", "Murray", "Volga", "Danube", "Rhine", "Ganges", "Indus", "Brahmaputra", "Euphrates",
            "Tigris", "Zambezi", "Orinoco", "Columbia", "Colorado", "Rio Grande", "St. Lawrence", "Thames", "Seine", "Loire",
            "Elbe", "Vistula", "Dnieper", "Irrawaddy", "Salween", "Limpopo", "Orange River", "Senegal River",
        ],
        ["mountain"] =
        [
            "Mount Everest", "K2", "Kilimanjaro", "Mont Blanc", "the Matterhorn", "Aconcagua", "Denali", "Mount Fuji", "Elbrus",
            "Mount Kenya", "Mount Cook", "Table Mountain", "Mount Etna", "Vesuvius", "the Andes", "the Alps", "the Himalayas",
            "the Rocky Mountains", "the Atlas Mountains", "the Ural Mountains", "the Carpathians", "the Pyrenees", "the Caucasus",
            "the Drakensberg", "the Tian Shan",
        ],
        ["geoAspect"] =
        [
            "climate", "economy", "population", "agriculture", "tourism", "wildlife", "water supply", "transport network",
            "energy production", "architecture", "cuisine", "culture", "trade routes", "coastline", "forests", "urban growth",
            "air quality", "fishing industry", "rainfall", "public transport", "housing", "flood risk", "biodiversity", "farmland",
        ],
        ["decades"] = Range(2, 12),
        ["scenario"] =
        [
            "the internet had never been invented", "humans could photosynthesise", "the Moon disappeared overnight",
            "everyone could read each other's thoughts", "electricity stopped working for a month", "the oceans froze",
            "cars had never been invented", "every person lived to 200", "money was abolished", "gravity were half as strong",
            "dinosaurs had not gone extinct", "it never rained again", "animals could talk", "sleep were no longer necessary",
            "teleportation were cheap and safe", "the Roman Empire had never fallen", "there were no more oil reserves",
            "everyone spoke the same language", "time travel to the past were possible", "robots did all physical work",
            "the Earth had two moons", "plants grew ten times faster", "every city were car-free", "humans could breathe underwater",
            "the printing press had never been invented", "schools were abolished", "computers were a thousand times slower",
            "all borders were opened", "a second sun appeared in the sky", "nobody could lie", "coffee had never been discovered",
            "the sea level rose by ten metres", "insects disappeared", "humans hibernated in winter", "all music were banned",
            "antibiotics stopped working", "every house produced its own food", "a colony on Mars reached a million people",
            "the working week were three days long", "the wheel had never been invented",
        ],
        ["twist"] =
        [
            "nobody noticed for a year", "it only happened in one country", "it could be reversed at great cost",
            "it happened gradually over a century", "children adapted faster than adults", "governments tried to hide it",
            "it only affected the northern hemisphere", "scientists predicted it ten years earlier", "it happened on a Monday morning",
            "the change lasted exactly one week", "only cities were affected", "animals were affected first",
            "it made everyone slightly happier", "it doubled the cost of food", "it was caused by an experiment gone wrong",
            "it started in the deep ocean", "it coincided with a global election", "half the population refused to believe it",
            "it was announced on social media first", "it happened during a pandemic",
        ],
        ["domain"] =
        [
            "transport", "education", "healthcare", "the economy", "family life", "politics", "sport", "architecture",
            "food production", "the arts", "religion", "science", "warfare", "tourism", "the job market", "friendship",
            "entertainment", "language", "the environment", "space exploration",
        ],
        ["horizon"] = ["after one year", "after ten years", "after fifty years", "a century later", "a thousand years later", "within a month"],
        ["task"] =
        [
            "read a large file line by line", "parse JSON", "make an HTTP request with a timeout", "retry failed requests with backoff",
            "write unit tests", "handle configuration", "log structured events", "profile memory usage", "cache expensive results",
            "stream data to a client", "validate user input", "schedule background jobs", "paginate query results",
            "implement rate limiting", "hash passwords securely", "use connection pooling", "serialise dates correctly",
            "run code in parallel", "cancel a long-running operation", "measure latency percentiles", "compress responses",
            "upload files", "implement a health check", "handle graceful shutdown", "trace requests across services",
            "manage database migrations", "read environment variables safely", "set up dependency injection",
            "debounce events", "bulk insert rows",
        ],
        ["tech"] =
        [
            "C#", ".NET", "ASP.NET Core", "Java", "Spring Boot", "Kotlin", "Go", "Rust", "Python", "Django", "FastAPI", "Node.js",
            "TypeScript", "React", "Vue", "Angular", "Svelte", "Ruby on Rails", "PHP", "Laravel", "Elixir", "Scala", "Swift",
            "PostgreSQL", "MySQL", "SQLite", "MongoDB", "Redis", "Cassandra", "Elasticsearch", "Kafka", "RabbitMQ", "NATS",
            "Kubernetes", "Docker", "Terraform", "AWS Lambda", "Azure Functions", "Google Cloud Run", "nginx", "Envoy", "gRPC",
            "GraphQL", "WebSockets", "OpenTelemetry", "Prometheus", "Grafana", "ClickHouse", "DuckDB", "Apache Spark",
        ],
        ["usecase"] =
        [
            "a chat application", "an e-commerce checkout", "real-time analytics", "a mobile backend", "an internal admin tool",
            "a public REST API", "IoT telemetry", "a recommendation engine", "video streaming", "a payment system",
            "a multiplayer game", "a search service", "a job queue", "a content management system", "log aggregation",
            "an LLM gateway", "a booking system", "a data pipeline", "a notification service", "a feature-flag service",
        ],
        ["concept"] =
        [
            "garbage collection", "async/await", "connection pooling", "backpressure", "eventual consistency", "sharding",
            "replication", "indexing", "caching", "load balancing", "circuit breakers", "idempotency", "transactions",
            "optimistic locking", "memory-mapped files", "zero-copy I/O", "the actor model", "event sourcing", "CQRS",
            "dependency injection", "type inference", "generics", "closures", "immutability", "lazy evaluation", "TLS handshakes",
            "HTTP/2 multiplexing", "consistent hashing", "rate limiting", "service discovery", "blue-green deployment",
            "tail latency", "coordinated omission", "thread pools", "lock-free data structures",
        ],
        ["problem"] =
        [
            "memory leaks", "high tail latency", "deadlocks", "thread starvation", "slow queries", "connection timeouts",
            "cache stampedes", "race conditions", "excessive garbage collection", "high CPU usage", "port exhaustion",
            "data corruption", "flaky tests", "slow start-up", "lock contention", "head-of-line blocking", "retry storms",
            "out-of-memory crashes", "inconsistent reads", "clock skew",
        ],
        ["language"] = ["C#", "Python", "Go", "Rust", "Java", "TypeScript", "Kotlin", "Swift", "Ruby", "Elixir", "Scala", "C++"],
        ["codingTask"] =
        [
            "reverses a linked list", "checks whether a string is a palindrome", "merges two sorted arrays",
            "finds the shortest path in a grid", "computes a moving average", "parses a CSV line with quoted fields",
            "detects a cycle in a graph", "implements an LRU cache", "counts word frequencies in a text",
            "validates an email address", "converts Roman numerals to integers", "computes the p99 of a list of latencies",
            "splits a list into batches", "flattens a nested list", "implements binary search", "generates all permutations of a list",
            "rate-limits calls with a token bucket", "retries an operation with exponential backoff", "deduplicates a stream of events",
            "serialises a tree to JSON",
        ],
        ["system"] =
        [
            "a URL shortener", "a chat service", "a leaderboard", "a news feed", "a file-sharing service", "a ride-hailing backend",
            "a ticket booking system", "a metrics pipeline", "an authentication service", "a payment gateway", "a search autocomplete",
            "a notification fan-out service", "an LLM inference gateway", "a shopping cart", "a web crawler",
        ],
        ["load"] = ["100", "500", "1,000", "5,000", "10,000", "50,000", "100,000", "1 million"],
        ["month"] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        ["companions"] = ["my family", "two friends", "my colleagues", "my grandparents", "a school group", "my partner", "a toddler", "a wheelchair user"],
        ["extra"] = ["unit tests", "comments", "error handling", "a short usage example", "a complexity analysis", "type annotations", "a benchmark", "input validation"],
        ["role"] = ["a junior developer", "a team lead", "a site reliability engineer", "a data engineer", "a security reviewer", "a product manager", "an architect", "a tester"],
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
