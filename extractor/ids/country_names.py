"""Country names as documents print them: ISO codes and names in Russian, Kazakh and English.

Each entry: alpha-2 -> (alpha-3, Russian name, Kazakh name, English name, other
forms). Only the nominative is listed; :mod:`extractor.ids.country` derives the
Russian case forms and Kazakh suffixed forms. Forms written in capitals are
abbreviations: in free text they are recognised only when printed in capitals.
"""

from __future__ import annotations

from typing import NamedTuple


class CountryNames(NamedTuple):
    alpha3: str
    ru: str
    kk: str
    en: str
    aliases: tuple[str, ...] = ()


COUNTRIES: dict[str, CountryNames] = {
    # EAEU
    "RU": CountryNames("RUS", "Россия", "Ресей", "Russia", (
        "Российская Федерация", "РФ", "Ресей Федерациясы", "Russian Federation", "Russland", "Rossiya")),
    "KZ": CountryNames("KAZ", "Казахстан", "Қазақстан", "Kazakhstan", (
        "Республика Казахстан", "РК", "Қазақстан Республикасы", "ҚР", "Republic of Kazakhstan", "Kasachstan",
        "Qozog'iston", "Qozogʻiston", "Qozog‘iston", "Қозоғистон")),
    "BY": CountryNames("BLR", "Беларусь", "Беларусь", "Belarus", (
        "Республика Беларусь", "Белоруссия", "РБ", "Беларусь Республикасы", "Republic of Belarus", "Weissrussland")),
    "KG": CountryNames("KGZ", "Кыргызстан", "Қырғызстан", "Kyrgyzstan", (
        "Киргизия", "Кыргызская Республика", "Киргизская Республика", "Қырғыз Республикасы", "Kyrgyz Republic",
        "Kirgizstan", "Kirgisistan")),
    "AM": CountryNames("ARM", "Армения", "Армения", "Armenia", (
        "Республика Армения", "Армения Республикасы", "Republic of Armenia", "Armenien")),
    # Central Asia and the Caucasus
    "UZ": CountryNames("UZB", "Узбекистан", "Өзбекстан", "Uzbekistan", (
        "Республика Узбекистан", "Өзбекстан Республикасы", "Usbekistan",
        # Uzbek, Latin and Cyrillic, as Uzbek sellers print it
        "O'zbekiston", "Oʻzbekiston", "O‘zbekiston", "Ozbekiston", "Ўзбекистон")),
    "TJ": CountryNames("TJK", "Таджикистан", "Тәжікстан", "Tajikistan", ("Республика Таджикистан",)),
    "TM": CountryNames("TKM", "Туркменистан", "Түрікменстан", "Turkmenistan", ("Туркмения",)),
    "AZ": CountryNames("AZE", "Азербайджан", "Әзірбайжан", "Azerbaijan", ("Азербайджанская Республика",)),
    "GE": CountryNames("GEO", "Грузия", "Грузия", "Georgia", ("Сакартвело",)),
    "MD": CountryNames("MDA", "Молдова", "Молдова", "Moldova", ("Молдавия", "Республика Молдова")),
    "UA": CountryNames("UKR", "Украина", "Украина", "Ukraine", ()),
    "MN": CountryNames("MNG", "Монголия", "Моңғолия", "Mongolia", ()),
    # Asia
    "CN": CountryNames("CHN", "Китай", "Қытай", "China", (
        "Китайская Народная Республика", "КНР", "Қытай Халық Республикасы", "ҚХР", "People's Republic of China",
        "PRC", "P R China", "P R C", "Xitoy", "Хитой")),
    "JP": CountryNames("JPN", "Япония", "Жапония", "Japan", ("Nippon",)),
    "KR": CountryNames("KOR", "Южная Корея", "Оңтүстік Корея", "South Korea", (
        "Корея", "Республика Корея", "Корея Республикасы", "Korea", "Republic of Korea", "Korea Republic",
        "Südkorea")),
    "KP": CountryNames("PRK", "КНДР", "Солтүстік Корея", "North Korea", (
        "Северная Корея", "Корейская Народно-Демократическая Республика", "DPRK")),
    "IN": CountryNames("IND", "Индия", "Үндістан", "India", ("Республика Индия", "Indien")),
    "IR": CountryNames("IRN", "Иран", "Иран", "Iran", ("Исламская Республика Иран", "Islamic Republic of Iran")),
    "TR": CountryNames("TUR", "Турция", "Түркия", "Türkiye", (
        "Турецкая Республика", "Turkey", "Republic of Turkey", "Türkei", "Turkiya")),
    "AE": CountryNames("ARE", "ОАЭ", "БАӘ", "United Arab Emirates", (
        "Объединенные Арабские Эмираты", "Біріккен Араб Әмірліктері", "UAE", "U A E")),
    "SA": CountryNames("SAU", "Саудовская Аравия", "Сауд Арабиясы", "Saudi Arabia", ()),
    "IL": CountryNames("ISR", "Израиль", "Израиль", "Israel", ()),
    "PK": CountryNames("PAK", "Пакистан", "Пәкістан", "Pakistan", ()),
    "AF": CountryNames("AFG", "Афганистан", "Ауғанстан", "Afghanistan", ()),
    "VN": CountryNames("VNM", "Вьетнам", "Вьетнам", "Vietnam", ("Viet Nam",)),
    "TH": CountryNames("THA", "Таиланд", "Тайланд", "Thailand", ("Тайланд",)),
    "MY": CountryNames("MYS", "Малайзия", "Малайзия", "Malaysia", ()),
    "ID": CountryNames("IDN", "Индонезия", "Индонезия", "Indonesia", ()),
    "SG": CountryNames("SGP", "Сингапур", "Сингапур", "Singapore", ()),
    "PH": CountryNames("PHL", "Филиппины", "Филиппин", "Philippines", ()),
    "TW": CountryNames("TWN", "Тайвань", "Тайвань", "Taiwan", ()),
    "HK": CountryNames("HKG", "Гонконг", "Гонконг", "Hong Kong", ("Сянган",)),
    "BD": CountryNames("BGD", "Бангладеш", "Бангладеш", "Bangladesh", ()),
    "LK": CountryNames("LKA", "Шри-Ланка", "Шри-Ланка", "Sri Lanka", ()),
    "QA": CountryNames("QAT", "Катар", "Катар", "Qatar", ()),
    "KW": CountryNames("KWT", "Кувейт", "Кувейт", "Kuwait", ()),
    "OM": CountryNames("OMN", "Оман", "Оман", "Oman", ()),
    "JO": CountryNames("JOR", "Иордания", "Иордания", "Jordan", ()),
    "IQ": CountryNames("IRQ", "Ирак", "Ирак", "Iraq", ()),
    "CY": CountryNames("CYP", "Кипр", "Кипр", "Cyprus", ()),
    # Europe
    "DE": CountryNames("DEU", "Германия", "Германия", "Germany", (
        "Федеративная Республика Германия", "ФРГ", "Германия Федеративтік Республикасы", "Deutschland",
        "Federal Republic of Germany", "Bundesrepublik Deutschland", "BRD")),
    "FR": CountryNames("FRA", "Франция", "Франция", "France", ("Frankreich",)),
    "IT": CountryNames("ITA", "Италия", "Италия", "Italy", ("Italia", "Italien")),
    "ES": CountryNames("ESP", "Испания", "Испания", "Spain", ("España", "Spanien")),
    "PT": CountryNames("PRT", "Португалия", "Португалия", "Portugal", ()),
    "GB": CountryNames("GBR", "Великобритания", "Ұлыбритания", "United Kingdom", (
        "Соединенное Королевство", "Англия", "Great Britain", "UK", "U K", "England", "Grossbritannien")),
    "IE": CountryNames("IRL", "Ирландия", "Ирландия", "Ireland", ()),
    "NL": CountryNames("NLD", "Нидерланды", "Нидерланды", "Netherlands", (
        "Голландия", "Королевство Нидерландов", "Holland", "The Netherlands", "Niederlande")),
    "BE": CountryNames("BEL", "Бельгия", "Бельгия", "Belgium", ("Belgien",)),
    "LU": CountryNames("LUX", "Люксембург", "Люксембург", "Luxembourg", ()),
    "CH": CountryNames("CHE", "Швейцария", "Швейцария", "Switzerland", ("Schweiz",)),
    "AT": CountryNames("AUT", "Австрия", "Австрия", "Austria", ("Österreich",)),
    "PL": CountryNames("POL", "Польша", "Польша", "Poland", ("Республика Польша", "Polska", "Polen")),
    "CZ": CountryNames("CZE", "Чехия", "Чехия", "Czech Republic", (
        "Чешская Республика", "Czechia", "Tschechien", "Česko")),
    "SK": CountryNames("SVK", "Словакия", "Словакия", "Slovakia", ("Slowakei",)),
    "HU": CountryNames("HUN", "Венгрия", "Венгрия", "Hungary", ("Ungarn",)),
    "RO": CountryNames("ROU", "Румыния", "Румыния", "Romania", ("Rumänien",)),
    "BG": CountryNames("BGR", "Болгария", "Болгария", "Bulgaria", ("Bulgarien",)),
    "GR": CountryNames("GRC", "Греция", "Грекия", "Greece", ("Griechenland",)),
    "SI": CountryNames("SVN", "Словения", "Словения", "Slovenia", ("Slowenien",)),
    "HR": CountryNames("HRV", "Хорватия", "Хорватия", "Croatia", ("Kroatien",)),
    "RS": CountryNames("SRB", "Сербия", "Сербия", "Serbia", ("Serbien",)),
    "LT": CountryNames("LTU", "Литва", "Литва", "Lithuania", ("Литовская Республика", "Lietuva", "Litauen")),
    "LV": CountryNames("LVA", "Латвия", "Латвия", "Latvia", ("Latvija", "Lettland")),
    "EE": CountryNames("EST", "Эстония", "Эстония", "Estonia", ("Eesti", "Estland")),
    "FI": CountryNames("FIN", "Финляндия", "Финляндия", "Finland", ("Suomi", "Finnland")),
    "SE": CountryNames("SWE", "Швеция", "Швеция", "Sweden", ("Sverige", "Schweden")),
    "NO": CountryNames("NOR", "Норвегия", "Норвегия", "Norway", ("Norge", "Norwegen")),
    "DK": CountryNames("DNK", "Дания", "Дания", "Denmark", ("Danmark", "Dänemark")),
    "MT": CountryNames("MLT", "Мальта", "Мальта", "Malta", ()),
    # Americas, Africa, Oceania
    "US": CountryNames("USA", "США", "АҚШ", "United States", (
        "Соединенные Штаты Америки", "Соединенные Штаты", "Америка Құрама Штаттары", "United States of America",
        "USA", "U S A", "Vereinigte Staaten")),
    "CA": CountryNames("CAN", "Канада", "Канада", "Canada", ()),
    "MX": CountryNames("MEX", "Мексика", "Мексика", "Mexico", ()),
    "BR": CountryNames("BRA", "Бразилия", "Бразилия", "Brazil", ("Brasil", "Brasilien")),
    "AR": CountryNames("ARG", "Аргентина", "Аргентина", "Argentina", ()),
    "CL": CountryNames("CHL", "Чили", "Чили", "Chile", ()),
    "AU": CountryNames("AUS", "Австралия", "Аустралия", "Australia", ("Австралия",)),
    "NZ": CountryNames("NZL", "Новая Зеландия", "Жаңа Зеландия", "New Zealand", ()),
    "ZA": CountryNames("ZAF", "ЮАР", "Оңтүстік Африка", "South Africa", (
        "Южно-Африканская Республика", "Южная Африка", "Оңтүстік Африка Республикасы")),
    "EG": CountryNames("EGY", "Египет", "Мысыр", "Egypt", ("Египет",)),
    "MA": CountryNames("MAR", "Марокко", "Марокко", "Morocco", ()),
    "TN": CountryNames("TUN", "Тунис", "Тунис", "Tunisia", ()),
    # a customs union, not a country: EAEU declarations accept `EU` as the origin when the member state is unknown
    "EU": CountryNames("", "Европейский союз", "Еуропалық одақ", "European Union", (
        "Евросоюз", "ЕС", "EU", "Europäische Union", "Европейское сообщество", "European Community")),
}  # fmt: skip

EAEU = frozenset({"AM", "BY", "KZ", "KG", "RU"})
EU_MEMBERS = frozenset({"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
                        "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"})
