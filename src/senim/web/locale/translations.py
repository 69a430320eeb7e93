"""Russian and Kazakh translations of the web pages, kept as data so they can be reviewed in one place.

`python src/senim/web/locale/translations.py` writes them into the catalogues that `senim makemessages`
produced (msgstr lines only; English is the source language). Strings not listed stay untranslated.
"""

from __future__ import annotations

import re
from pathlib import Path

# msgid -> (ru, kk); for plural msgids, (ru forms..., kk forms...) as tuples.
T: dict[str, tuple[object, object]] = {
    "Status": ("Статус", "Мәртебе"),
    "Region": ("Регион", "Өңір"),
    "Any": ("Любой", "Кез келген"),
    "From": ("С", "Бастап"),
    "To": ("По", "Дейін"),
    "Number": ("Номер", "Нөмір"),
    "The end date is before the start date.": (
        "Дата окончания раньше даты начала.",
        "Аяқталу күні басталу күнінен бұрын.",
    ),
    "Family name as written": ("Фамилия, как написано", "Тегі (жазылғандай)"),
    "Given name as written": ("Имя, как написано", "Аты (жазылғандай)"),
    "Patronymic": ("Отчество", "Әкесінің аты"),
    "Birth date": ("Дата рождения", "Туған күні"),
    "YYYY, YYYY-MM or YYYY-MM-DD: as much as is known": (
        "ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД: сколько известно",
        "ЖЖЖЖ, ЖЖЖЖ-АА немесе ЖЖЖЖ-АА-КК: белгілісінше",
    ),
    "Use YYYY, YYYY-MM or YYYY-MM-DD.": (
        "Укажите ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД.",
        "ЖЖЖЖ, ЖЖЖЖ-АА немесе ЖЖЖЖ-АА-КК түрінде жазыңыз.",
    ),
    "Sex": ("Пол", "Жынысы"),
    "Citizenship": ("Гражданство", "Азаматтығы"),
    "Two-letter country code, e.g. KZ, UZ, KG, TJ": (
        "Двухбуквенный код страны, например KZ, UZ, KG, TJ",
        "Елдің екі әріпті коды, мысалы KZ, UZ, KG, TJ",
    ),
    "Use the two-letter country code.": ("Укажите двухбуквенный код страны.", "Елдің екі әріпті кодын жазыңыз."),
    "Phone": ("Телефон", "Телефон"),
    "Identity document number": ("Номер документа, удостоверяющего личность", "Жеке басын куәландыратын құжат нөмірі"),
    "Give at least one name as the person wrote or said it.": (
        "Укажите хотя бы одно имя так, как человек его написал или назвал.",
        "Кемінде бір атты адам жазғандай немесе айтқандай көрсетіңіз.",
    ),
    "Exploitation": ("Эксплуатация", "Қанау түрі"),
    "The person is a child (under 18)": ("Ребёнок (до 18 лет)", "Бала (18 жасқа дейін)"),
    "Reported on": ("Дата сообщения", "Хабарланған күні"),
    "What happened (short)": ("Что произошло (кратко)", "Не болды (қысқаша)"),
    "Move to": ("Перевести в", "Келесі мәртебе"),
    "Reason": ("Основание", "Негіздеме"),
    "Procedural role": ("Процессуальный статус", "Іс жүргізу мәртебесі"),
    "Role in the chain": ("Роль в цепочке", "Тізбектегі рөлі"),
    "Anonymised testimony": ("Анонимные показания", "Жасырын айғақтар"),
    "A victim has no role in the trafficking chain.": (
        "У потерпевшего нет роли в цепочке торговли людьми.",
        "Жәбірленушінің адам саудасы тізбегінде рөлі жоқ.",
    ),
    "Participant": ("Участник", "Қатысушы"),
    "Article": ("Статья", "Бап"),
    "Outcome": ("Итог", "Нәтиже"),
    "Sentence": ("Наказание", "Жаза"),
    "Decided on": ("Дата решения", "Шешім күні"),
    "Dashboard": ("Главная", "Басты бет"),
    "Assistance cases": ("Дела помощи", "Көмек істері"),
    "Criminal cases": ("Уголовные дела", "Қылмыстық істер"),
    "New person record": ("Новая запись о человеке", "Адам туралы жаңа жазба"),
    "Audit log": ("Журнал аудита", "Аудит журналы"),
    "%(n)s case": (("%(n)s дело", "%(n)s дела", "%(n)s дел", "%(n)s дел"), ("%(n)s іс", "%(n)s іс")),
    "Lead organization": ("Ведущая организация", "Жетекші ұйым"),
    "Reported": ("Сообщено", "Хабарланды"),
    "child": ("ребёнок", "бала"),
    "No case matches.": ("Нет подходящих дел.", "Сәйкес іс жоқ."),
    "Registry number": ("Номер ЕРДР", "СДТБ нөмірі"),
    "Articles": ("Статьи", "Баптар"),
    "Unit": ("Подразделение", "Бөлініс"),
    "Opened": ("Возбуждено", "Қозғалды"),
    "Filter": ("Отобрать", "Сүзу"),
    "Clear filters": ("Сбросить", "Тазарту"),
    "Pages": ("Страницы", "Беттер"),
    "Previous": ("Назад", "Алдыңғы"),
    "Page %(n)s of %(total)s": ("Страница %(n)s из %(total)s", "%(total)s беттің %(n)s-і"),
    "Next": ("Далее", "Келесі"),
    "Nothing here.": ("Пока пусто.", "Әзірге бос."),
    "See all": ("Показать все", "Барлығын көру"),
    "Skip to content": ("К содержимому", "Мазмұнға өту"),
    "Menu": ("Меню", "Мәзір"),
    "Language": ("Язык", "Тіл"),
    "Change": ("Сменить", "Ауыстыру"),
    "Acting as": ("Работаю как", "Рөлім"),
    "Switch role": ("Сменить роль", "Рөлді ауыстыру"),
    "Sign out": ("Выйти", "Шығу"),
    "Main menu": ("Главное меню", "Басты мәзір"),
    "Senim · National Referral Mechanism against trafficking in persons": (
        "Senim · Национальный механизм перенаправления по противодействию торговле людьми",
        "Senim · Адам саудасына қарсы ұлттық жолдау тетігі",
    ),
    "New assistance case": ("Новое дело помощи", "Жаңа көмек ісі"),
    "A further record of %(name)s: write the names as this person gave them to you.": (
        "Ещё одна запись о человеке %(name)s: запишите имена так, как человек назвал их вам.",
        "%(name)s туралы тағы бір жазба: аттарды адам сізге айтқандай жазыңыз.",
    ),
    "Write names exactly as the person wrote or said them; linkage connects spellings later.": (
        "Записывайте имена точно так, как человек их написал или произнёс; разные написания свяжет сопоставление.",
        "Аттарды адам жазғандай немесе айтқандай дәл жазыңыз; әртүрлі жазылуын кейін сәйкестендіру байланыстырады.",
    ),
    "Write names exactly as the person or the document gave them; linkage connects spellings later.": (
        "Записывайте имена точно так, как их назвал человек или указывает документ; "
        "разные написания свяжет сопоставление.",
        "Аттарды адам айтқандай немесе құжатта жазылғандай дәл жазыңыз; "
        "әртүрлі жазылуын кейін сәйкестендіру байланыстырады.",
    ),
    "Open case": ("Открыть дело", "Іс ашу"),
    "Assistance case": ("Дело помощи", "Көмек ісі"),
    "Journey": ("Путь человека", "Адамның жолы"),
    "Criminal case": ("Уголовное дело", "Қылмыстық іс"),
    "Nothing recorded yet.": ("Пока ничего не записано.", "Әзірге ештеңе жазылмаған."),
    "Person": ("Человек", "Адам"),
    "The person's identity is not shared with your organization.": (
        "Личные данные человека не переданы вашей организации.",
        "Адамның жеке деректері сіздің ұйымыңызға берілмеген.",
    ),
    "Case": ("Дело", "Іс"),
    "Closed": ("Закрыто", "Жабылды"),
    "Summary": ("Кратко", "Қысқаша"),
    "Referrals, protection and services": ("Перенаправления, защита и услуги", "Жолдамалар, қорғау және қызметтер"),
    "Move the case": ("Изменить статус дела", "Іс мәртебесін өзгерту"),
    "Save": ("Сохранить", "Сақтау"),
    "New case": ("Новое дело", "Жаңа іс"),
    "Prosecutor's office": ("Прокуратура", "Прокуратура"),
    "Participants": ("Участники", "Қатысушылар"),
    "Charges and outcomes": ("Обвинения и итоги", "Айыптар және нәтижелер"),
    "Protected identity": ("Личность защищена", "Жеке басы қорғалған"),
    "not charged": ("не обвинён", "айып тағылмаған"),
    "No participant recorded.": ("Участники не записаны.", "Қатысушылар жазылмаған."),
    "Victims' assistance cases": ("Дела помощи потерпевшим", "Жәбірленушілерге көмек істері"),
    "Add a participant": ("Добавить участника", "Қатысушы қосу"),
    "Add": ("Добавить", "Қосу"),
    "Record a charge": ("Записать обвинение", "Айып жазу"),
    "Record": ("Записать", "Жазу"),
    "My open cases": ("Мои открытые дела", "Менің ашық істерім"),
    "No open case is assigned to you.": ("На вас нет открытых дел.", "Сізге бекітілген ашық іс жоқ."),
    "My criminal cases": ("Мои уголовные дела", "Менің қылмыстық істерім"),
    "No open criminal case is assigned to you.": (
        "На вас нет открытых уголовных дел.",
        "Сізге бекітілген ашық қылмыстық іс жоқ.",
    ),
    "Assistance cases by status": ("Дела помощи по статусам", "Көмек істері мәртебе бойынша"),
    "No case yet.": ("Дел пока нет.", "Әзірге іс жоқ."),
    "Criminal cases by status": ("Уголовные дела по статусам", "Қылмыстық істер мәртебе бойынша"),
    "Your role has no case work. Use the menu for the pages you may open.": (
        "В вашей роли нет работы с делами. Доступные страницы — в меню.",
        "Сіздің рөліңізде істермен жұмыс жоқ. Ашуға болатын беттер мәзірде.",
    ),
    "Sign in": ("Вход", "Кіру"),
    "User name": ("Имя пользователя", "Пайдаланушы аты"),
    "Password": ("Пароль", "Құпиясөз"),
    "Next you will enter a code from your authenticator app. After several wrong passwords, signing in is paused "
    "for a while; an administrator can lift the pause.": (
        "Затем вы введёте код из приложения-аутентификатора. После нескольких неверных паролей вход на время "
        "приостанавливается; администратор может снять блокировку.",
        "Содан кейін аутентификатор қолданбасындағы кодты енгізесіз. Құпиясөз бірнеше рет қате енгізілсе, кіру "
        "біраз уақытқа тоқтатылады; әкімші оны алып тастай алады.",
    ),
    "Save record": ("Сохранить запись", "Жазбаны сақтау"),
    "Open an assistance case": ("Открыть дело помощи", "Көмек ісін ашу"),
    "%(n)s record from the agencies": (
        (
            "%(n)s запись от ведомств",
            "%(n)s записи от ведомств",
            "%(n)s записей от ведомств",
            "%(n)s записей от ведомств",
        ),
        ("ведомстволардан %(n)s жазба", "ведомстволардан %(n)s жазба"),
    ),
    "Name as written": ("Имя, как записано", "Аты (жазылғандай)"),
    "Recorded by": ("Кем записано", "Кім жазды"),
    "Identifiers": ("Идентификаторы", "Сәйкестендіргіштер"),
    "You do not hold that role.": ("У вас нет этой роли.", "Сізде бұл рөл жоқ."),
    "You are now acting as %(role)s.": ("Теперь вы работаете в роли: %(role)s.", "Енді сіздің рөліңіз: %(role)s."),
    "Case %(number)s opened.": ("Дело %(number)s открыто.", "%(number)s ісі ашылды."),
    "Case moved.": ("Статус дела изменён.", "Іс мәртебесі өзгертілді."),
    "Saved.": ("Сохранено.", "Сақталды."),
    "Record saved.": ("Запись сохранена.", "Жазба сақталды."),
    "Not allowed": ("Нет доступа", "Рұқсат жоқ"),
    "Your acting role may not open this page.": (
        "В вашей текущей роли эта страница недоступна.",
        "Ағымдағы рөліңізде бұл бет қолжетімсіз.",
    ),
    "If another of your roles may, switch to it in the header.": (
        "Если она доступна в другой вашей роли, смените роль в шапке страницы.",
        "Егер ол басқа рөліңізде қолжетімді болса, рөлді беттің жоғарғы жағында ауыстырыңыз.",
    ),
    "Back to the dashboard": ("На главную", "Басты бетке"),
    "Not found": ("Не найдено", "Табылмады"),
    "There is nothing here, or nothing you may see.": (
        "Здесь ничего нет — или нет ничего, что вам можно видеть.",
        "Мұнда ештеңе жоқ немесе сізге көруге болатын ештеңе жоқ.",
    ),
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fill(path: Path, index: int) -> int:
    """Write the translations of language `index` (0 ru, 1 kk) into one catalogue; returns how many."""
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    blocks[0] = blocks[0].replace("#, fuzzy\n", "")  # the header is reviewed: Plural-Forms must count
    done = 0
    for number, block in enumerate(blocks):
        found = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not found:
            continue
        msgid = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', found.group(1))).replace('\\"', '"')
        if not msgid or msgid not in T:
            continue
        value = T[msgid][index]
        head = block[: block.index("msgstr")]
        head = head.replace("#, fuzzy\n", "")
        if isinstance(value, tuple):
            body = "\n".join(f"msgstr[{i}] {_quote(form)}" for i, form in enumerate(value))
        else:
            body = f"msgstr {_quote(str(value))}"
        blocks[number] = head + body
        done += 1
    path.write_text("\n\n".join(blocks).rstrip("\n") + "\n", encoding="utf-8")
    return done


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    for code, index in (("ru", 0), ("kk", 1)):
        print(code, fill(here / code / "LC_MESSAGES" / "django.po", index))
