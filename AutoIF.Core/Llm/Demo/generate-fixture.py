# Writes demo-fixture.json and checks every verifier against its cases and responses:
#   python3 AutoIF.Core/Llm/Demo/generate-fixture.py   (run from the repository root)
# Edit the instructions here, not the JSON.

import json, re
I = []
def add(text, funcs, cases, backs, responses, flaw=None, seed=True, back_labels=None):
    I.append(dict(instruction=text, flaw=flaw, seed=seed, verifiers=[dict(func=f.strip('\n')+'\n', cases=[dict(input=c[0], output=c[1]) for c in cases]) for f in funcs],
                  backTranslations=[dict(text=b, label=(back_labels or {}).get(b, "entailment")) for b in backs], responses=responses))

# Seeds of the ifeval-types set (Seeds/ifeval-types.txt).
LONG = "Renewable energy keeps getting cheaper. " * 12
add("Answer in fewer than 50 words.", [
"def evaluate(response: str) -> bool:\n    return len(response.split()) < 50",
"import re\n\ndef evaluate(response: str) -> bool:\n    words = re.findall(r\"\\S+\", response)\n    return len(words) < 50",
"def evaluate(response):\n    count = 0\n    for token in response.strip().split():\n        count += 1\n    return count < 50"],
 [("Short and sweet.", True), (LONG, False), ("word " * 49, True), ("word " * 50, False)],
 ["Keep your response under 50 words.", "Use fewer than fifty words in your answer."],
 ["Drink water, sleep eight hours and walk daily. Small habits add up to better health.",
  "In short: back up your files to two places, one of them off-site, and test a restore once a month.",
  LONG.strip()])
add("Write at least 150 words.", [
"def evaluate(response: str) -> bool:\n    return len(response.split()) >= 150",
"import re\n\ndef evaluate(response: str) -> bool:\n    return len(re.findall(r\"\\b\\w+\\b\", response)) >= 150",
"def evaluate(response):\n    words = [w for w in response.split() if w.strip()]\n    return not len(words) < 150"],
 [("Too short.", False), ("alpha " * 150, True), ("alpha " * 149, False), (LONG * 3, True)],
 ["Your response must contain 150 words or more.", "Write a response of no fewer than 150 words."],
 [(LONG * 3).strip(), "This answer is brief and will not reach the required length.", ("Here is a detailed explanation. " * 40).strip()])
add("Do not use any commas in your answer.", [
"def evaluate(response: str) -> bool\n    return ',' not in response",
"def evaluate(response: str) -> bool:\n    return response.count(',') == 0 and",
"def evaluate(response):\n    for ch in response\n        if ch == ',':\n            return False\n    return True"],
 [("No commas here.", True), ("One, two", False), ("Plain text without them", True)],
 ["Do not use commas."], ["Sure here is the answer without any commas.", "First, second, third."], flaw="syntax-error")
add("Write your entire answer in lowercase letters only.", [
"def evaluate(response: str) -> bool:\n    text = response.strip()\n    return text == text.upper()",
"def evaluate(response: str) -> bool:\n    # Only letters matter; digits and punctuation have no case.\n    return all(ch.isupper() for ch in response if ch.isalpha())",
"import string\n\ndef evaluate(response):\n    return not any(ch in string.ascii_lowercase for ch in response)"],
 [("HELLO WORLD", True), ("hello world", False), ("MIXED case", False)],
 ["Write your entire response in capital letters.", "Use only uppercase letters in your answer."],
 ["all of this is lowercase.", "THIS IS ALL CAPS."], flaw="back-translation-contradicts",
 back_labels={"Write your entire response in capital letters.": "contradiction", "Use only uppercase letters in your answer.": "contradiction"})
add("Write your entire answer in capital letters.", [
"def evaluate(response: str) -> bool:\n    return response == response.upper()",
"def evaluate(response: str) -> bool:\n    return not any(c.islower() for c in response)",
"def evaluate(response):\n    letters = [c for c in response if c.isalpha()]\n    return all(c.isupper() for c in letters)"],
 [("HELLO WORLD!", True), ("Hello World", False), ("123 GO", True)],
 ["Your whole response must be in uppercase letters.", "Do not use any lowercase letters."],
 ["THE CAPITAL OF FRANCE IS PARIS. IT SITS ON THE SEINE.", "USE A PASSWORD MANAGER AND TURN ON TWO-FACTOR LOGIN.", "Paris is the capital of France."])
add('End your answer with the exact sentence "Is there anything else I can help with?"', [
"def evaluate(response: str) -> bool:\n    return response.strip().endswith(\"Is there anything else I can help with?\")",
"def evaluate(response: str) -> bool:\n    target = \"Is there anything else I can help with?\"\n    return response.rstrip()[-len(target):] == target",
"import re\n\ndef evaluate(response):\n    return re.search(r\"Is there anything else I can help with\\?\\s*$\", response) is not None"],
 [("Done. Is there anything else I can help with?", True), ("Is there anything else I can help with? Thanks.", False), ("Bye.", False)],
 ['Finish your response with the sentence "Is there anything else I can help with?"', 'The last sentence must be "Is there anything else I can help with?"'],
 ["Boil the pasta for nine minutes and drain it. Is there anything else I can help with?", "Boil the pasta for nine minutes and drain it.", "Restart the router first. Is there anything else I can help with?"])
add('Begin your answer with the word "Certainly".', [
"def evaluate(response: str) -> bool:\n    return response.lstrip().startswith(\"Certainly\")",
"def evaluate(response: str) -> bool:\n    words = response.split()\n    return bool(words) and words[0].strip(\",.!\") == \"Certainly\"",
"import re\n\ndef evaluate(response):\n    return re.match(r\"\\s*Certainly\\b\", response) is not None"],
 [("Certainly! Here you go.", True), ("Sure, certainly.", False), ("", False)],
 ['Start your response with the word "Certainly".', 'The first word of your answer must be "Certainly".'],
 ["Certainly! The tallest mountain on Earth is Mount Everest.", "Certainly, here is a recipe: mix flour, water and salt.", "Of course! Mount Everest is the tallest."])
add('Add a postscript at the end that starts with "P.S.".', [
"def evaluate(response: str) -> bool:\n    return \"P.S.\" in response",
"def evaluate(response: str) -> bool:\n    lines = [l.strip() for l in response.strip().splitlines() if l.strip()]\n    return any(l.startswith(\"P.S.\") for l in lines)",
"import re\n\ndef evaluate(response):\n    return re.search(r\"^\\s*P\\.S\\.\", response, re.MULTILINE) is not None"],
 [("Thanks!\n\nP.S. See you soon.", True), ("No postscript here.", False), ("Hello\nP.S. bring snacks", True)],
 ['End your response with a postscript beginning with "P.S."', 'Include a P.S. at the end of your answer.'],
 ["Meeting moved to Friday.\n\nP.S. Bring the slides.", "Meeting moved to Friday. Bring the slides.", "Water the plants weekly.\n\nP.S. Ferns like shade."])
add('Format your answer as a bulleted list with exactly four items, each starting with "- ".', [
"def evaluate(response: str) -> bool:\n    items = [l for l in response.splitlines() if l.strip().startswith(\"- \")]\n    return len(items) == 4",
"import re\n\ndef evaluate(response: str) -> bool:\n    return len(re.findall(r\"^\\s*- \", response, re.MULTILINE)) == 4",
"def evaluate(response):\n    n = 0\n    for line in response.split(\"\\n\"):\n        if line.lstrip().startswith(\"- \"):\n            n += 1\n    return n == 4"],
 [("- a\n- b\n- c\n- d", True), ("- a\n- b\n- c", False), ("- a\n- b\n- c\n- d\n- e", False), ("no list", False)],
 ['Answer with a bulleted list of exactly four items that each begin with "- ".', 'Use exactly 4 bullet points marked with "- ".'],
 ["- Eat vegetables\n- Sleep well\n- Exercise\n- Drink water", "- Eat vegetables\n- Sleep well\n- Exercise", "- Plan\n- Build\n- Test\n- Ship"])
add("Give your answer as a numbered list with at least five items.", [
"import re\n\ndef evaluate(response: str) -> bool:\n    return len(re.findall(r\"^\\s*\\d+[.)]\\s\", response, re.MULTILINE)) >= 5",
"def evaluate(response: str) -> bool:\n    count = 0\n    for line in response.splitlines():\n        head = line.strip().split(\" \")[0]\n        if head[:-1].isdigit() and head[-1:] in \".)\":\n            count += 1\n    return count >= 5",
"import re\n\ndef evaluate(response):\n    items = [l for l in response.splitlines() if re.match(r\"\\s*[0-9]+[.)] \", l)]\n    return len(items) >= 5"],
 [("1. a\n2. b\n3. c\n4. d\n5. e", True), ("1. a\n2. b", False), ("just prose", False)],
 ["Present your answer as a numbered list of five or more items.", "Use a numbered list containing at least 5 entries."],
 ["1. Preheat the oven\n2. Mix the batter\n3. Pour into a tin\n4. Bake 30 minutes\n5. Let it cool", "1. Preheat\n2. Bake", "1. Read\n2. Note\n3. Summarise\n4. Review\n5. Repeat\n6. Rest"])
add("Wrap your entire answer in double quotation marks.", [
"def evaluate(response: str) -> bool:\n    r = response.strip()\n    return len(r) >= 2 and r[0] == '\"' and r[-1] == '\"'",
"def evaluate(response: str) -> bool:\n    return response.strip().startswith('\"') and response.strip().endswith('\"') and len(response.strip()) > 1",
"import re\n\ndef evaluate(response):\n    return re.fullmatch(r'\\s*\".*\"\\s*', response, re.DOTALL) is not None"],
 [('"Hello there."', True), ("Hello there.", False), ('"Half quoted', False)],
 ["Enclose your whole response in double quotes.", "Put double quotation marks around your entire answer."],
 ['"The best time to plant a tree is in autumn."', "The best time to plant a tree is in autumn.", '"Save a little every month and invest the rest."'])
add('Include the keywords "budget" and "deadline" in your answer.', [
"def evaluate(response: str) -> bool:\n    text = response.lower()\n    return \"budget\" in text and \"deadline\" in text",
"import re\n\ndef evaluate(response: str) -> bool:\n    return all(re.search(r\"\\b\" + w + r\"\", response, re.IGNORECASE) for w in (\"budget\", \"deadline\"))",
"def evaluate(response):\n    words = response.lower()\n    for keyword in [\"budget\", \"deadline\"]:\n        if keyword not in words:\n            return False\n    return True"],
 [("The budget is tight and the deadline is Friday.", True), ("The budget is tight.", False), ("Deadline: Monday. Budget: 5k.", True)],
 ['Mention both "budget" and "deadline" in your response.', 'Your answer must contain the words budget and deadline.'],
 ["Agree on the budget first, then set a realistic deadline.", "Plan the work in small steps and review it weekly.", "Track the budget weekly so the deadline does not slip."])
add('Do not use the word "very" anywhere in your answer.', [
"import re\n\ndef evaluate(response: str) -> bool:\n    return re.search(r\"\\bvery\\b\", response, re.IGNORECASE) is None",
"def evaluate(response: str) -> bool:\n    words = [w.strip('.,!?;:\"()').lower() for w in response.split()]\n    return \"very\" not in words",
"import re\n\ndef evaluate(response):\n    return not re.findall(r\"(?i)\\bvery\\b\", response)"],
 [("That is extremely good.", True), ("That is very good.", False), ("Every reveal counts.", True)],
 ['Avoid the word "very" in your response.', 'Never write the word "very".'],
 ["The view from the summit is breathtaking.", "The view from the summit is very beautiful.", "Our results were remarkably consistent."])
add('Use the letter "z" at least five times.', [
"def evaluate(response: str) -> bool:\n    return response.lower().count('z') >= 5",
"def evaluate(response: str) -> bool:\n    return sum(1 for c in response if c in 'zZ') >= 5",
"import re\n\ndef evaluate(response):\n    return len(re.findall('[zZ]', response)) >= 5"],
 [("zzzzz", False), ("no such letter", True), ("Zebras zigzag in a zany zoo zone.", False)],
 ['Use the letter z five or more times.'], ["Zany zebras zigzag past the zoo's zinc zeppelin.", "Hello world."], flaw="cases-disagree")
add('Do not use the letter "e" anywhere in your answer.', [
"def evaluate(response: str) -> bool:\n    return 'e' not in response.lower()",
"def evaluate(response: str) -> bool:\n    return not any(c in 'eE' for c in response)",
"import re\n\ndef evaluate(response):\n    return re.search('[eE]', response) is None"],
 [("A big cat sat on a mat.", True), ("The end.", False), ("Only a tiny bit of luck.", True)],
 ['Avoid the letter "e" completely.', 'Write without using the letter e.'],
 ["A cat sat on a mat and had a nap.", "The cat slept on the mat.", "Dogs run fast in a park."])
add("Answer in exactly two sentences.", [
"import re\n\ndef evaluate(response: str) -> bool:\n    sentences = [s for s in re.split(r\"(?<=[.!?])\\s+\", response.strip()) if s]\n    return len(sentences) == 2",
"import re\n\ndef evaluate(response: str) -> bool:\n    return len(re.findall(r\"[^.!?]+[.!?]+\", response)) == 2",
"def evaluate(response):\n    ends = sum(1 for i, c in enumerate(response) if c in '.!?' and (i + 1 == len(response) or response[i + 1] in ' \\n'))\n    return ends == 2"],
 [("One. Two.", True), ("One sentence only.", False), ("One. Two! Three?", False)],
 ["Your answer must consist of exactly two sentences.", "Respond using precisely 2 sentences."],
 ["Rust avoids data races at compile time. That makes concurrent code safer.", "Rust is safe.", "Rust is fast. It is safe. It is fun."])
add("Every sentence must end with an exclamation mark.", [
"import re\n\ndef evaluate(response: str) -> bool:\n    sentences = re.findall(r\"[^.!?]+[.!?]\", response)\n    return bool(sentences) and all(s.endswith('!') for s in sentences) and response.strip().endswith('!')",
"def evaluate(response: str) -> bool:\n    r = response.strip()\n    return r.endswith('!') and '.' not in r and '?' not in r",
"import re\n\ndef evaluate(response):\n    r = response.strip()\n    return bool(r) and re.search(r\"[.?]\", r) is None and r[-1] == '!'"],
 [("Wow! Great!", True), ("Wow! Great.", False), ("Is it?", False)],
 ["End every sentence with an exclamation mark.", "Each sentence has to finish with \"!\"."],
 ["What a game! The crowd went wild!", "What a game! The crowd went wild.", "Go team! Win it!"])
add("Include a title wrapped in double angular brackets, such as <<my title>>.", [
"import re\n\ndef evaluate(response: str) -> bool:\n    return re.search(r\"<<[^<>\\n]+>>\", response) is not None",
"def evaluate(response: str) -> bool:\n    start = response.find('<<')\n    end = response.find('>>', start + 2)\n    return start != -1 and end > start + 2",
"import re\n\ndef evaluate(response):\n    return len(re.findall(r\"<<(.+?)>>\", response)) >= 1"],
 [("<<Spring>>\nFlowers bloom.", True), ("Spring\nFlowers bloom.", False), ("<<>> empty", False)],
 ["Give your answer a title in double angle brackets like <<title>>.", "Add a title enclosed in << and >>."],
 ["<<A Rainy Day>>\nThe streets shine and the cafes fill up.", "A Rainy Day\nThe streets shine.", "<<Tips>>\nSave early and often."])
add('Divide your answer into three sections, each starting with "SECTION X" where X is the section number.', [
"import re\n\ndef evaluate(response: str) -> bool:\n    return len(re.findall(r\"^\\s*SECTION \\d+\", response, re.MULTILINE)) == 3",
"def evaluate(response: str) -> bool:\n    heads = [l for l in response.splitlines() if l.strip().startswith('SECTION ')]\n    return len(heads) == 3",
"import re\n\ndef evaluate(response):\n    return [int(n) for n in re.findall(r\"SECTION (\\d+)\", response)] == [1, 2, 3]"],
 [("SECTION 1\na\nSECTION 2\nb\nSECTION 3\nc", True), ("SECTION 1\na\nSECTION 2\nb", False), ("no sections", False)],
 ['Split your response into 3 sections labelled "SECTION 1", "SECTION 2" and "SECTION 3".', 'Organise the answer as exactly three sections marked SECTION X.'],
 ["SECTION 1\nGather data.\nSECTION 2\nClean it.\nSECTION 3\nModel it.", "SECTION 1\nGather data.\nSECTION 2\nClean it.", "SECTION 1\nPlan.\nSECTION 2\nDo.\nSECTION 3\nCheck."])
add("Your whole answer must be valid JSON.", [
"import json\n\ndef evaluate(response: str) -> bool:\n    try:\n        json.loads(response)\n        return True\n    except ValueError:\n        return False",
"import json\n\ndef evaluate(response: str) -> bool:\n    text = response.strip()\n    if text.startswith('```'):\n        return False\n    try:\n        json.loads(text)\n    except Exception:\n        return False\n    return True",
"def evaluate(response):\n    import json\n    try:\n        return json.loads(response) is not None or response.strip() == 'null'\n    except (ValueError, TypeError):\n        return False"],
 [('{"a": 1}', True), ("not json", False), ('[1, 2, 3]', True), ("{'a': 1}", False)],
 ["Respond only with valid JSON.", "Make sure the entire response parses as JSON."],
 ['{"capital": "Paris", "population_millions": 2.1}', "The capital is Paris.", '{"steps": ["mix", "bake", "cool"]}'])
add("Do not include any digits in your answer.", [
"def evaluate(response: str) -> bool:\n    return not any(c.isdigit() for c in response)",
"import re\n\ndef evaluate(response: str) -> bool:\n    return re.search(r\"\\d\", response) is None",
"def evaluate(response):\n    for c in response:\n        if c in '0123456789':\n            return False\n    return True"],
 [("Twelve apples.", True), ("12 apples.", False), ("None here", True)],
 ["Avoid using any numerals.", "Write numbers as words; no digits are allowed."],
 ["Take two tablets every eight hours.", "Take 2 tablets every 8 hours.", "Walk for thirty minutes after dinner."])
add("Answer with a single word.", [
"def check(response: str) -> bool:\n    return len(response.split()) == 1",
"def is_single_word(response):\n    return len(response.strip().split()) == 1",
"def verify(text: str) -> bool:\n    return text.strip() != '' and ' ' not in text.strip()"],
 [("Yes", True), ("Yes it is", False), ("Paris.", True)],
 ["Respond with one word only."], ["Paris", "It is Paris."], flaw="missing-evaluate")
add("Include a table in markdown format with at least two columns.", [
"def evaluate(response: str) -> bool:\n    return True",
"def evaluate(response: str) -> bool:\n    # Tables are hard to detect reliably, so accept everything.\n    return True",
"def evaluate(response):\n    return bool(True)"],
 [("| a | b |\n|---|---|\n| 1 | 2 |", True), ("no table", False), ("| x | y |\n|---|---|", True)],
 ["Include a markdown table with two or more columns."],
 ["| Fruit | Colour |\n|---|---|\n| Apple | Red |", "Apples are red and bananas are yellow."], flaw="always-true")
add("Finish your answer with the word \"Done\" and nothing after it.", [
"def evaluate(response: str) -> bool:\n    return response.rstrip().endswith('Done')",
"import re\n\ndef evaluate(response: str) -> bool:\n    return re.search(r\"\\bDone\\s*$\", response) is not None",
"def evaluate(response):\n    words = response.split()\n    return bool(words) and words[-1] == 'Done'"],
 [("All set. Done", True), ("Done. All set.", False), ("Done", True)],
 ['End your response with the word "Done".', 'The final word of the answer must be "Done".'],
 ["Copy the file, then restart the service. Done", "Copy the file, then restart the service.", "Install, configure, verify. Done"])
add("Use no more than 400 characters in total.", [
"def evaluate(response: str) -> bool:\n    return len(response) <= 400",
"def evaluate(response: str) -> bool:\n    return not len(response) > 400",
"def evaluate(response):\n    count = 0\n    for _ in response:\n        count += 1\n    return count <= 400"],
 [("short", True), ("x" * 401, False), ("y" * 400, True)],
 ["Keep the answer to 400 characters or fewer.", "Your response must not exceed 400 characters."],
 ["Photosynthesis turns light, water and carbon dioxide into sugar and oxygen.", ("Photosynthesis is a long story. " * 15).strip(), "Tides come from the moon's pull on the oceans."])
# Seeds of the default set (Seeds/autoif.txt): letters, syllables, word order, poem forms, ciphers, counts.
add("Begin every word of the reply with the same letter.", [r'''
import re

def evaluate(response: str) -> bool:
    words = re.findall(r"[A-Za-z]+", response)
    return bool(words) and len({w[0].lower() for w in words}) == 1
''', r'''
def evaluate(response: str) -> bool:
    words = [w.strip('.,!?;:"()') for w in response.split()]
    words = [w for w in words if w]
    if not words:
        return False
    first = words[0][0].lower()
    return all(w[0].lower() == first for w in words)
''', r'''
def evaluate(response):
    initials = set()
    for token in response.split():
        letters = [c for c in token if c.isalpha()]
        if letters:
            initials.add(letters[0].lower())
    return len(initials) == 1
'''],
 [("Sam sells seven salty snacks.", True), ("Big bears bring berries.", True), ("Cats chase mice.", False), ("", False)],
 ["Start all the words of your response with one and the same letter."],
 ["Tired travellers take trains to Toronto.", "Sleep settles slowly, soothing sore shoulders.", "Rest well and drink water."])
add("Write eight lines whose first letters, read from top to bottom, spell MOONRISE.", [r'''
def evaluate(response: str) -> bool:
    lines = [l.strip() for l in response.splitlines() if l.strip()]
    return len(lines) == 8 and ''.join(l[0] for l in lines).upper() == 'MOONRISE'
''', r'''
import re

def evaluate(response: str) -> bool:
    lines = [l for l in re.split(r'\n+', response.strip()) if l.strip()]
    initials = ''.join(re.sub(r'^[^A-Za-z]+', '', l)[:1] for l in lines)
    return initials.upper() == 'MOONRISE'
''', r'''
def evaluate(response):
    word = ''
    for line in response.split('\n'):
        line = line.lstrip()
        if line:
            word += line[0].upper()
    return word == 'MOONRISE'
'''],
 [("Morning\nOver\nOcean\nNever\nRests\nIn\nSilent\nEvenings", True), ("Moon\nRise", False), ("M\nO\nO\nN\nR\nI\nS\nE", True),
  ("Morning\nOver\nOcean\nNever\nRests\nIn\nSilent\nEvenings\nAgain", False)],
 ["Compose eight lines so that their initial letters form the word MOONRISE."],
 ["Many\nOwls\nObserve\nNight\nRoads\nIn\nSoft\nEchoes", "Moonrise comes slowly over the hills.", "Mist\nOver\nOpen\nNarrow\nRivers\nIs\nSilver\nEverywhere"])
add("Use only words of one syllable.", [r'''
import re

def evaluate(response: str) -> bool:
    words = re.findall(r"[a-z]+", response.lower())
    return bool(words) and all(len(re.findall(r'[aeiouy]+', w[:-1] if w.endswith('e') and len(w) > 2 else w)) <= 1 for w in words)
''', r'''
def evaluate(response: str) -> bool:
    def syllables(word):
        groups, prev = 0, False
        for c in word:
            vowel = c in 'aeiouy'
            if vowel and not prev:
                groups += 1
            prev = vowel
        if word.endswith('e') and groups > 1:
            groups -= 1
        return max(groups, 1)
    words = [w.strip('.,!?;:').lower() for w in response.split()]
    words = [w for w in words if w.isalpha()]
    return bool(words) and all(syllables(w) == 1 for w in words)
''', r'''
import re

def evaluate(response):
    for word in re.findall(r'[A-Za-z]+', response):
        core = re.sub(r'e$', '', word.lower()) or word.lower()
        if len(re.findall(r'[aeiouy]+', core)) > 1:
            return False
    return bool(re.search('[A-Za-z]', response))
'''],
 [("Go to bed now.", True), ("Remember to relax.", False), ("Cats nap in the sun.", True), ("Sleep is a habit.", False)],
 ["Every word in the response must have a single syllable."],
 ["Go to bed at ten and shut off the lamp.", "Try to maintain a regular bedtime.", "Keep the room cool and dark at night."])
add("Shape the reply as a haiku: three lines of five, seven and five syllables.", [r'''
import re

def evaluate(response: str) -> bool:
    def count(line):
        total = 0
        for w in re.findall(r"[a-z]+", line.lower()):
            core = w[:-1] if w.endswith('e') and len(w) > 2 else w
            total += max(1, len(re.findall(r'[aeiouy]+', core)))
        return total
    lines = [l for l in response.strip().splitlines() if l.strip()]
    return [count(l) for l in lines] == [5, 7, 5]
''', r'''
def evaluate(response: str) -> bool:
    def syllables(word):
        groups, prev = 0, False
        for c in word:
            vowel = c in 'aeiouy'
            groups += vowel and not prev
            prev = vowel
        if word.endswith('e') and groups > 1:
            groups -= 1
        return max(groups, 1)
    lines = [l for l in response.strip().split('\n') if l.strip()]
    if len(lines) != 3:
        return False
    counts = [sum(syllables(w.strip('.,!?;:').lower()) for w in l.split() if w.strip('.,!?;:')) for l in lines]
    return counts == [5, 7, 5]
''', r'''
import re

def evaluate(response):
    pattern = []
    for line in response.splitlines():
        words = re.findall(r'[A-Za-z]+', line)
        if words:
            pattern.append(sum(max(1, len(re.findall(r'[aeiouy]+', re.sub(r'(?<=..)e$', '', w.lower())))) for w in words))
    return pattern == [5, 7, 5]
'''],
 [("Soft rain on the roof\nthe lamp goes out and I drift\nsleep at last, I rest", True), ("Soft rain on the roof", False),
  ("One two three four five\none two three four five six\none two three four five", False),
  ("Red sun on the hill\nthe wind bends the grass and sings\nbirds fly home at dusk", True)],
 ["Answer in the form of a haiku with a 5-7-5 syllable pattern over three lines."],
 ["Soft rain on the roof\nthe lamp goes out and I drift\nsleep at last, I rest", "Sleep comes easily when the room is cool and dark.",
  "Dim the lights at nine\nput the phone in another room\nsleep will find you soon"])
add('Encode the reply with ROT13, so that "hello" becomes "uryyb".', [r'''
import codecs

def evaluate(response: str) -> bool:
    common = {'the', 'is', 'and', 'of', 'to', 'a'}
    plain = [w.strip('.,!?;:') for w in codecs.decode(response, 'rot13').lower().split()]
    raw = [w.strip('.,!?;:') for w in response.lower().split()]
    return any(w in common for w in plain) and not any(w in common for w in raw)
''', r'''
def evaluate(response: str) -> bool:
    table = str.maketrans('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 'nopqrstuvwxyzabcdefghijklmNOPQRSTUVWXYZABCDEFGHIJKLM')
    decoded = [w.strip('.,!?;:') for w in response.translate(table).lower().split()]
    raw = [w.strip('.,!?;:') for w in response.lower().split()]
    common = ('the', 'is', 'and', 'of', 'to', 'a')
    return any(w in common for w in decoded) and not any(w in common for w in raw)
''', r'''
import re

def evaluate(response):
    out = []
    for c in response:
        if c.isascii() and c.isalpha():
            base = ord('a') if c.islower() else ord('A')
            out.append(chr((ord(c) - base + 13) % 26 + base))
        else:
            out.append(c)
    decoded = set(re.findall('[a-z]+', ''.join(out).lower()))
    raw = set(re.findall('[a-z]+', response.lower()))
    common = {'the', 'is', 'and', 'of', 'to', 'a'}
    return bool(decoded & common) and not (raw & common)
'''],
 [("Gur png vf fyrrcvat.", True), ("The cat is sleeping.", False), ("Qevax jngre naq erfg.", True), ("Hello there", False)],
 ["Write the whole response in ROT13, shifting each letter thirteen places."],
 ["Tb gb orq ng gur fnzr gvzr rirel avtug.", "Go to bed at the same time every night.", "Xrrc gur orqebbz pbby naq qnex."])
add("Replace every vowel with an asterisk.", [r'''
def evaluate(response: str) -> bool:
    return '*' in response and not any(c in 'aeiouAEIOU' for c in response)
''', r'''
import re

def evaluate(response: str) -> bool:
    return re.search(r'[aeiou]', response, re.IGNORECASE) is None and response.count('*') > 0
''', r'''
def evaluate(response):
    vowels = set('aeiou')
    stars = 0
    for c in response.lower():
        if c in vowels:
            return False
        stars += c == '*'
    return stars > 0
'''],
 [("Sl**p w*ll.", True), ("Sleep well.", False), ("Rhythm", False), ("*", True)],
 ["Write the response with each vowel swapped for the * symbol."],
 ["G* t* b*d *t th* s*m* t*m* *v*ry n*ght.", "Go to bed at the same time every night.", "K**p th* r**m c**l *nd d*rk."])
add("Give each sentence exactly one more word than the sentence before it.", [r'''
import re

def evaluate(response: str) -> bool:
    sentences = [s for s in re.split(r'(?<=[.!?])\s+', response.strip()) if s]
    counts = [len(s.split()) for s in sentences]
    return len(counts) >= 2 and all(b == a + 1 for a, b in zip(counts, counts[1:]))
''', r'''
import re

def evaluate(response: str) -> bool:
    counts = [len(re.findall(r"[\w']+", s)) for s in re.findall(r'[^.!?]+[.!?]', response)]
    if len(counts) < 2:
        return False
    return all(counts[i + 1] - counts[i] == 1 for i in range(len(counts) - 1))
''', r'''
def evaluate(response):
    text = response.replace('!', '.').replace('?', '.')
    parts = [p.split() for p in text.split('.') if p.strip()]
    if len(parts) < 2:
        return False
    for earlier, later in zip(parts, parts[1:]):
        if len(later) != len(earlier) + 1:
            return False
    return True
'''],
 [("Rest. Sleep well. Dream of summer.", True), ("Rest. Sleep well tonight.", False), ("One sentence only.", False), ("Go. Run fast. Then rest quietly.", True)],
 ["Make every sentence one word longer than the previous sentence."],
 ["Sleep. Sleep early. Avoid late screens. Keep the bedroom cool.", "Sleep early and avoid screens. Keep it cool.", "Rest. Breathe slowly. Let thoughts drift."])
add("Never use the same word twice.", [r'''
import re

def evaluate(response: str) -> bool:
    words = re.findall(r"[a-z']+", response.lower())
    return bool(words) and len(words) == len(set(words))
''', r'''
def evaluate(response: str) -> bool:
    seen = set()
    for token in response.lower().split():
        word = token.strip('.,!?;:"()')
        if not word:
            continue
        if word in seen:
            return False
        seen.add(word)
    return bool(seen)
''', r'''
from collections import Counter
import re

def evaluate(response):
    counts = Counter(re.findall(r"\w+", response.lower()))
    return bool(counts) and max(counts.values()) == 1
'''],
 [("Sleep early, wake rested.", True), ("Sleep early, sleep well.", False), ("The cat saw the dog.", False), ("", False)],
 ["Do not repeat any word anywhere in the response."],
 ["Dim lights early, skip caffeine, and keep regular hours.", "Go to bed early and get up early.", "Cool rooms help; so does quiet."])
add("Make the reply a pangram: every letter from a to z turns up somewhere in it.", [r'''
import string

def evaluate(response: str) -> bool:
    return set(string.ascii_lowercase) <= set(response.lower())
''', r'''
def evaluate(response: str) -> bool:
    letters = {c for c in response.lower() if 'a' <= c <= 'z'}
    return len(letters) == 26
''', r'''
def evaluate(response):
    text = response.lower()
    return all(chr(code) in text for code in range(ord('a'), ord('z') + 1))
'''],
 [("The quick brown fox jumps over the lazy dog.", True), ("Hello world.", False), ("Pack my box with five dozen liquor jugs.", True)],
 ["Include all twenty-six letters of the alphabet somewhere in the reply."],
 ["Jackdaws love my big sphinx of quartz, so sleep quietly with fewer vexing jobs.", "Sleep well and rest.", "Amazingly few discotheques provide jukeboxes; quiet nights win."])
add("Use only words of four letters or fewer.", [r'''
import re

def evaluate(response: str) -> bool:
    words = re.findall(r"[A-Za-z]+", response)
    return bool(words) and all(len(w) <= 4 for w in words)
''', r'''
def evaluate(response: str) -> bool:
    words = [w.strip('.,!?;:"()') for w in response.split()]
    words = [w for w in words if w]
    return bool(words) and max(len(w) for w in words) <= 4
''', r'''
def evaluate(response):
    run = 0
    seen = False
    for c in response + ' ':
        if c.isalpha():
            run += 1
            seen = True
            if run > 4:
                return False
        else:
            run = 0
    return seen
'''],
 [("Go to bed at ten.", True), ("Sleep early tonight.", False), ("A cup of tea.", True)],
 ["Write the response using no word longer than four letters."],
 ["Go to bed at ten and shut the lamp off.", "Go to sleep at a regular time.", "Dim the room, skip the late tea."])
add("Put each word on a line of its own.", [r'''
def evaluate(response: str) -> bool:
    lines = [l.strip() for l in response.strip().splitlines()]
    return len(lines) >= 2 and all(l and len(l.split()) == 1 for l in lines)
''', r'''
def evaluate(response: str) -> bool:
    lines = [l for l in response.strip().split('\n') if l.strip()]
    return len(lines) > 1 and all(' ' not in l.strip() for l in lines)
''', r'''
import re

def evaluate(response):
    text = response.strip()
    return '\n' in text and re.search(r'\S[ \t]+\S', text) is None
'''],
 [("Sleep\nwell\ntonight", True), ("Sleep well\ntonight", False), ("Sleep", False), ("Rest\nnow", True)],
 ["Write one word per line."],
 ["Dim\nthe\nlights\nearly.", "Dim the lights early.", "Keep\nthe\nroom\ncool."])
add("Join the words with hyphens instead of spaces.", [r'''
def evaluate(response: str) -> bool:
    text = response.strip()
    return '-' in text and not any(c.isspace() for c in text)
''', r'''
import re

def evaluate(response: str) -> bool:
    return re.fullmatch(r'[^\s-]+(-[^\s-]+)+', response.strip()) is not None
''', r'''
def evaluate(response):
    text = response.strip()
    if ' ' in text or '\n' in text:
        return False
    return len(text.split('-')) >= 2
'''],
 [("sleep-well-tonight", True), ("sleep well tonight", False), ("sleep-well tonight", False), ("Go-to-bed-early.", True)],
 ["Separate the words with hyphens and use no spaces."],
 ["Go-to-bed-at-the-same-time-each-night.", "Go to bed at the same time each night.", "Keep-the-room-cool-and-dark."])
add("Make the last line an exact copy of the first line.", [r'''
def evaluate(response: str) -> bool:
    lines = [l for l in response.strip().splitlines() if l.strip()]
    return len(lines) >= 2 and lines[0].strip() == lines[-1].strip()
''', r'''
def evaluate(response: str) -> bool:
    lines = response.strip().split('\n')
    return len(lines) > 1 and lines[0].rstrip() == lines[-1].rstrip()
''', r'''
def evaluate(response):
    text = response.strip()
    first, _, rest = text.partition('\n')
    return bool(rest) and text.rsplit('\n', 1)[-1].strip() == first.strip()
'''],
 [("Rest well.\nSleep early.\nRest well.", True), ("Rest well.\nSleep early.", False), ("Rest well.", False), ("Night falls.\nNight falls.", True)],
 ["End the response by repeating its first line exactly."],
 ["Sleep is a habit.\nKeep the same hours daily.\nSleep is a habit.", "Sleep is a habit.\nKeep the same hours daily.", "Quiet nights help.\nSo do cool rooms.\nQuiet nights help."])
add("Write the reply as a ship's log, opening each line with a time such as 06:40.", [r'''
import re

def evaluate(response: str) -> bool:
    lines = [l for l in response.strip().splitlines() if l.strip()]
    return bool(lines) and all(re.match(r'\s*\d{2}:\d{2}\b', l) for l in lines)
''', r'''
def evaluate(response: str) -> bool:
    lines = [l.strip() for l in response.strip().split('\n') if l.strip()]
    if not lines:
        return False
    for line in lines:
        head = line[:5]
        if len(head) < 5 or head[2] != ':' or not (head[:2] + head[3:]).isdigit():
            return False
    return True
''', r'''
import re

def evaluate(response):
    lines = [l for l in response.splitlines() if l.strip()]
    return len(lines) > 0 and all(re.match(r'^\s*([01]\d|2[0-3]):[0-5]\d', l) for l in lines)
'''],
 [("06:40 Left harbour.\n09:15 Wind rising.", True), ("Left harbour at 06:40.", False), ("06:40 Left harbour.\nWind rising.", False), ("23:59 All quiet.", True)],
 ["Begin every line of the response with a clock time in HH:MM form."],
 ["21:30 Screens off.\n22:00 Lights dimmed.\n22:30 Asleep.", "Screens off at 21:30, asleep by 22:30.", "06:00 Woke rested.\n06:10 Opened the curtains."])
add('Alternate capital and small letters inside every word, starting with a capital, as in "HeLlO".', [r'''
import re

def evaluate(response: str) -> bool:
    words = re.findall(r'[A-Za-z]+', response)
    return bool(words) and all(all(c.isupper() == (i % 2 == 0) for i, c in enumerate(w)) for w in words)
''', r'''
def evaluate(response: str) -> bool:
    words = [''.join(c for c in t if c.isalpha()) for t in response.split()]
    words = [w for w in words if w]
    if not words:
        return False
    for w in words:
        if w[::2] != w[::2].upper() or w[1::2] != w[1::2].lower():
            return False
    return True
''', r'''
def evaluate(response):
    position = 0
    seen = False
    for c in response:
        if c.isalpha():
            seen = True
            if c.isupper() != (position % 2 == 0):
                return False
            position += 1
        else:
            position = 0
    return seen
'''],
 [("HeLlO", False), ("hello", True), ("SlEeP WeLl", False)],
 ["Write each word with alternating upper- and lower-case letters, beginning with upper case."],
 ["SlEeP At ThE SaMe TiMe.", "Sleep at the same time."], flaw="cases-disagree")

# Non-seed instructions the demo "invents" in the augment stage.
add('Use exactly three bullet points marked with "* ", each starting with a capital letter.', [
"def evaluate(response: str) -> bool:\n    items = [l.strip() for l in response.splitlines() if l.strip().startswith('* ')]\n    return len(items) == 3 and all(i[2:3].isupper() for i in items)",
"import re\n\ndef evaluate(response: str) -> bool:\n    items = re.findall(r\"^\\s*\\* (\\S)\", response, re.MULTILINE)\n    return len(items) == 3 and all(c.isupper() for c in items)",
"def evaluate(response):\n    n = 0\n    for line in response.split('\\n'):\n        s = line.strip()\n        if s.startswith('* '):\n            if not s[2:3].isupper():\n                return False\n            n += 1\n    return n == 3"],
 [("* Plan\n* Build\n* Test", True), ("* plan\n* Build\n* Test", False), ("* Plan\n* Build", False)],
 ['Use exactly three bullet points starting with "* ", each beginning with a capital letter.'],
 ["* Measure twice\n* Cut once\n* Sand the edges", "* Measure twice\n* Cut once", "* Open the file\n* Edit the line\n* Save it"], seed=False)
add("Write exactly three paragraphs separated by two newlines, and make the second paragraph the shortest.", [
"def evaluate(response: str) -> bool:\n    ps = [p for p in response.strip().split('\\n\\n') if p.strip()]\n    return len(ps) == 3 and len(ps[1]) < len(ps[0]) and len(ps[1]) < len(ps[2])",
"import re\n\ndef evaluate(response: str) -> bool:\n    ps = [p for p in re.split(r\"\\n\\s*\\n\", response.strip()) if p.strip()]\n    return len(ps) == 3 and min(ps, key=len) is ps[1]",
"def evaluate(response):\n    parts = [p.strip() for p in response.split('\\n\\n') if p.strip()]\n    if len(parts) != 3:\n        return False\n    return len(parts[1]) < min(len(parts[0]), len(parts[2]))"],
 [("A long first paragraph.\n\nShort.\n\nA long third paragraph.", True), ("One paragraph.", False), ("Short.\n\nA much longer middle paragraph.\n\nEnd.", False)],
 ["Write three paragraphs separated by blank lines, with the middle one the shortest."],
 ["Coffee originated in Ethiopia and spread through Yemen.\n\nIt travelled.\n\nToday it is grown across the tropics and traded worldwide.", "Coffee originated in Ethiopia.\n\nToday it is grown across the tropics."], seed=False)
add('Include the word "because" at least twice.', [
"import re\n\ndef evaluate(response: str) -> bool:\n    return len(re.findall(r\"\\bbecause\\b\", response, re.IGNORECASE)) >= 2",
"def evaluate(response: str) -> bool:\n    words = [w.strip('.,!?;:').lower() for w in response.split()]\n    return words.count('because') >= 2",
"def evaluate(response):\n    return response.lower().count('because') >= 2"],
 [("I stayed because it rained, and because I was tired.", True), ("I stayed because it rained.", False), ("No reason given.", False)],
 ['Use the word "because" two or more times.', 'Mention "because" at least 2 times.'],
 ["Leaves change colour because chlorophyll fades, and because other pigments show through.", "Leaves change colour in autumn.", "We save because prices rise, and because emergencies happen."], seed=False)
add("Respond in no more than three lines of text.", [
"def evaluate(response: str) -> bool:\n    return len([l for l in response.strip().splitlines() if l.strip()]) <= 3",
"def evaluate(response: str) -> bool:\n    return response.strip().count('\\n') <= 2",
"def evaluate(response):\n    lines = response.strip().split('\\n')\n    return len(lines) <= 3"],
 [("one\ntwo\nthree", True), ("one\ntwo\nthree\nfour", False), ("single line", True)],
 ["Keep the response to at most three lines.", "Do not write more than 3 lines."],
 ["Preheat to 180 C.\nBake for 25 minutes.\nCool before slicing.", "Step one.\nStep two.\nStep three.\nStep four.", "Use a VPN on public Wi-Fi."], seed=False)
add('End your response with a question that starts with "Would you like".', [
"import re\n\ndef evaluate(response: str) -> bool:\n    return re.search(r\"Would you like[^.!?]*\\?\\s*$\", response) is not None",
"def evaluate(response: str) -> bool:\n    r = response.strip()\n    return r.endswith('?') and 'Would you like' in r.split('\\n')[-1]",
"import re\n\ndef evaluate(response):\n    last = re.split(r\"(?<=[.!?])\\s+\", response.strip())[-1]\n    return last.startswith('Would you like') and last.endswith('?')"],
 [("Here it is. Would you like more?", True), ("Here it is.", False), ("Would you like more? Here it is.", False)],
 ['Finish with a question beginning "Would you like".'],
 ["The museum opens at nine. Would you like directions?", "The museum opens at nine.", "Try the lentil soup. Would you like the recipe?"], seed=False)
add("Write the answer using only words of at most eight letters.", [
"import re\n\ndef evaluate(response: str) -> bool:\n    return all(len(w) <= 8 for w in re.findall(r\"[A-Za-z]+\", response))",
"def evaluate(response: str) -> bool:\n    import re\n    words = re.findall(r\"[a-zA-Z]+\", response)\n    return max((len(w) for w in words), default=0) <= 8",
"def evaluate(response):\n    word = ''\n    for c in response + ' ':\n        if c.isalpha():\n            word += c\n        else:\n            if len(word) > 8:\n                return False\n            word = ''\n    return True"],
 [("Short words only here.", True), ("Extraordinary length.", False), ("", True)],
 ["Use no word longer than eight letters.", "Every word must have eight letters or fewer."],
 ["Cats nap a lot and hunt at dusk.", "Cats are extraordinarily independent animals.", "Keep it short and clear."], seed=False)

# Extra augment lines the demo knows nothing about: they exercise the fallback and get dropped.
EXTRA = ["Write in the style of a Shakespearean sonnet.", "Use a metaphor in every sentence."]

# Soft constraints (decision 040): no function for them, but with Verifiers:Kinds=code,question the demo answers the
# questions prompt with a question and labelled examples, so a fresh clone keeps them by their questions alone.
SOFT = [
 dict(instruction="Use a metaphor in every sentence.", question="Does every sentence of the response use a metaphor?",
  cases=[dict(input="Time is a thief that steals our evenings. My inbox is a swamp I wade through each morning.", output=True),
         dict(input="Hope is a lighthouse on a dark coast. The city is a hive that never sleeps.", output=True),
         dict(input="I went to the shop and bought some bread. Then I walked home.", output=False),
         dict(input="The meeting starts at nine. Please bring the report.", output=False)]),
 dict(instruction="Write in the style of a Shakespearean sonnet.", question="Is the response written in the style of a Shakespearean sonnet, in verse with an old-fashioned diction?",
  cases=[dict(input="Shall I compare thee to a morning bright?\nThou art more fair and of a gentler hue;\nRough winds do shake the blossoms of delight,\nAnd summer's lease hath all too short a due.", output=True),
         dict(input="O gentle sleep, why dost thou fly mine eyes,\nAnd leave me waking in the silent night?\nThy balm is sweet, yet still my spirit cries\nFor dawn to bring the comfort of its light.", output=True),
         dict(input="Sleep is important. Adults need seven to nine hours a night.", output=False),
         dict(input="Here are three tips: go to bed early, avoid screens, and keep the room cool.", output=False)]),
]

JUDGE = [
 ("The response answers the query directly and stays on topic while following the instruction. It is concise and correct.", 9),
 ("The answer is relevant and helpful; the formatting constraint does not get in the way of the content.", 8),
 ("The response follows the instruction but only partly addresses the query; important details are missing.", 6),
 ("The response is complete, accurate and well organised for the query.", 10),
 ("The response is mostly relevant, though one statement is vague. Overall it answers the question.", 8),
 ("The response is off-topic: it satisfies the format but does not answer what was asked.", 3),
 ("A clear and correct answer to the query with no unnecessary content.", 9),
]
GENERIC = ["Here is a short answer: the key idea is to start small, measure the result and improve step by step.",
 "In brief, it depends on your goals, but a simple plan you follow beats a perfect plan you never start.",
 "The main point is this: keep things simple and check your work."]
fixture = dict(instructions=I, extraAugment=EXTRA,
  judgements=[dict(analysis=a, score=s) for a, s in JUDGE], genericResponses=GENERIC, softInstructions=SOFT)
json.dump(fixture, open('AutoIF.Core/Llm/Demo/demo-fixture.json', 'w'), indent=1, ensure_ascii=False)

# Validate: run every verifier on its cases and responses.
seeds = set(open('AutoIF.Core/Seeds/autoif.txt').read().splitlines()) | set(open('AutoIF.Core/Seeds/ifeval-types.txt').read().splitlines())
for ins in I:
    if ins['seed'] and ins['instruction'] not in seeds: print("NOT A SEED:", ins['instruction'])
    results = []
    for v in ins['verifiers']:
        g = {}
        try:
            exec(v['func'], g)
        except SyntaxError:
            results.append('syntax'); continue
        f = g.get('evaluate')
        if f is None: results.append('noeval'); continue
        agree = [f(c['input']) == c['output'] for c in v['cases']]
        resp = [f(r) for r in ins['responses']]
        results.append((sum(agree), len(agree), resp))
    print(ins['flaw'] or 'ok', '|', ins['instruction'][:50], '|', results)
print(len(I), 'instructions')
